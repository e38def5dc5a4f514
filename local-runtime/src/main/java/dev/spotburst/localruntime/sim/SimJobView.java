package dev.spotburst.localruntime.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One job as {@code sacct} plus its output would show it: state, nodes, restarts (requeues), how often its output
 * paused and resumed (a node froze and thawed), and the longest gap in its output.
 */
public record SimJobView(long id, String partition, SimJob.State state, List<String> nodes, int restarts, int pauses,
                         Duration longestGap, boolean pausedNow, Instant completedAt) {
    public SimJobView {
        nodes = List.copyOf(nodes);
    }

    static SimJobView of(SimJob j) {
        return new SimJobView(j.id, j.partition, j.state, j.nodes.stream().map(Object::toString).toList(), j.restarts,
                j.pauses, j.longestGap, j.pausedSince != null, j.completedAt);
    }
}
