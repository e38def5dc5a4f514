package dev.spotburst.shims.agent;

import dev.spotburst.messages.SlurmSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * When the agent posts a Slurm snapshot: as soon as Slurm's node states changed since the last one posted, and
 * otherwise every {@code heartbeat} so the reconciler knows the agent is alive (it treats a snapshot older than
 * {@code 3 × max(reconcile interval, 60 s) + 60 s} as stale); never twice within {@code floor}. The agent looks at
 * Slurm every {@code floor}, so a change reaches the reconciler within one floor.
 *
 * <p>Only node states count as change (state, flags, reason, address), not the jobs on them: job churn on a busy
 * cluster would otherwise post at the floor rate all day, and the jobs ride along with the next post anyway.
 */
public record SnapshotSchedule(Duration floor, Duration heartbeat) {

    public static final Duration DEFAULT_FLOOR = Duration.ofSeconds(10);

    public SnapshotSchedule {
        if (floor == null || floor.isNegative() || floor.isZero()) {
            throw new IllegalArgumentException("snapshot floor must be positive, got " + floor);
        }
        if (heartbeat == null || heartbeat.compareTo(floor) < 0) {
            throw new IllegalArgumentException("snapshot heartbeat " + heartbeat + " must not be shorter than the floor "
                    + floor);
        }
    }

    /** Heartbeat from the settings; the floor is the default unless the heartbeat is shorter still (tests, demos). */
    public static SnapshotSchedule withHeartbeat(Duration heartbeat) {
        return new SnapshotSchedule(heartbeat.compareTo(DEFAULT_FLOOR) < 0 ? heartbeat : DEFAULT_FLOOR, heartbeat);
    }

    /** Why a snapshot is posted, or that it is not. */
    public enum Decision {
        FIRST, CHANGED, HEARTBEAT, SKIP;

        public boolean posts() {
            return this != SKIP;
        }
    }

    /** The last snapshot posted: when, and the node states it carried (as {@link #states}). */
    public record Posted(Instant at, List<SlurmSnapshot.Node> states) {
    }

    public Decision decide(Posted last, List<SlurmSnapshot.Node> current, Instant now) {
        if (last == null) {
            return Decision.FIRST;
        }
        Duration since = Duration.between(last.at(), now);
        if (since.compareTo(floor) < 0) {
            return Decision.SKIP;
        }
        if (!states(current).equals(last.states())) {
            return Decision.CHANGED;
        }
        return since.compareTo(heartbeat) >= 0 ? Decision.HEARTBEAT : Decision.SKIP;
    }

    /** What counts for change: the nodes by name, without their jobs. */
    public static List<SlurmSnapshot.Node> states(List<SlurmSnapshot.Node> nodes) {
        return nodes.stream()
                .map(n -> new SlurmSnapshot.Node(n.name(), n.state(), n.flags(), n.reason(), n.address(), List.of()))
                .sorted(Comparator.comparing(SlurmSnapshot.Node::name))
                .toList();
    }
}
