package dev.spotburst.functions.rescue;

import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which nodes are due for rescue: HIBERNATED (stopped by a Spot interruption, the persistent request waiting for
 * capacity) for at least the group's {@code MaxHibernationMinutes}, in a hibernating Spot group whose limit is set
 * (0 = never). Pure: the clock is passed in. Longest-waiting first, so a capped run helps the oldest jobs.
 */
public final class RescuePlanner {

    private RescuePlanner() {
    }

    public static List<RescueStep> plan(RescueSnapshot snapshot, Instant now) {
        var out = new ArrayList<RescueStep.Rescue>();
        for (var g : snapshot.groups()) {
            int limit = g.config().spotburst().maxHibernationMinutes();
            if (limit <= 0 || !g.config().hibernates()) {
                continue;
            }
            for (NodeRecord r : g.nodes()) {
                Duration since = Duration.between(r.stateSince(), now);
                if (due(r) && since.compareTo(Duration.ofMinutes(limit)) >= 0) {
                    out.add(new RescueStep.Rescue(r.node(), r.version(), r.instanceId(), r.spotRequestId(),
                            r.instanceType(), r.availabilityZone(), since));
                }
            }
        }
        out.sort(Comparator.comparing(RescueStep.Rescue::hibernatedFor).reversed()
                .thenComparing(s -> s.node().toString()));
        return List.copyOf(out);
    }

    private static boolean due(NodeRecord r) {
        return r.state() == NodeState.HIBERNATED && r.market() == Market.SPOT && r.instanceId() != null
                && r.instanceType() != null;
    }
}
