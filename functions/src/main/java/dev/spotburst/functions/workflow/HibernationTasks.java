package dev.spotburst.functions.workflow;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda side of {@code hibernation.asl.json}, keyed by instance id (the workflow is started by EventBridge
 * with the interruption warning as input, so it knows the instance, not the node):
 * <ul>
 * <li>{@code hibernationStatus}: looks at EC2 now, performs any step the events missed, and reports the phase
 * ({@code NOT_OURS}, {@code HIBERNATING}, {@code HIBERNATED}, {@code READY}, {@code FAILED} = lost, or
 * {@code ENDED} = Slurm powered the node down meanwhile), seconds in that state, and the group's limit;</li>
 * <li>{@code hibernationGiveUp}: the stop did not complete in time; the node is lost (DOWN, jobs requeue).</li>
 * </ul>
 */
final class HibernationTasks {
    private final StateStore store;
    private final HibernationService hibernation;

    HibernationTasks(StateStore store, HibernationService hibernation) {
        this.store = store;
        this.hibernation = hibernation;
    }

    Map<String, Object> status(ClusterConfig config, String instanceId, Instant now) {
        Optional<NodeRecord> owner = store.nodeByInstance(instanceId);
        var out = new LinkedHashMap<String, Object>();
        if (owner.isEmpty() || config.nodeGroupOf(owner.get().node()).isEmpty()) {
            out.put("phase", "NOT_OURS");
            return out;
        }
        var rec = owner.get();
        if (HibernationService.keepsMemory(config, rec) && (rec.state() == NodeState.READY
                || rec.state() == NodeState.HIBERNATING
                || rec.state() == NodeState.HIBERNATED)) {
            rec = hibernation.observe(config, rec, now);
        }
        out.put("node", rec.node().toString());
        out.put("phase", phase(rec.state()));
        out.put("secondsInState", Math.max(0, Duration.between(rec.stateSince(), now).toSeconds()));
        out.put("maxHibernatedSeconds", config.nodeGroup(rec.node().group())
                .map(g -> g.spotburst().maxHibernationMinutes() * 60).orElse(0));
        return out;
    }

    Map<String, Object> giveUp(ClusterConfig config, String instanceId, Object timeoutSeconds, Instant now) {
        var out = new LinkedHashMap<String, Object>();
        for (int attempt = 0; attempt < 3; attempt++) {
            var owner = store.nodeByInstance(instanceId);
            if (owner.isEmpty() || owner.get().state() != NodeState.HIBERNATING) {
                out.put("phase", owner.map(r -> phase(r.state())).orElse("NOT_OURS"));
                return out;
            }
            var rec = owner.get();
            if (hibernation.lost(config, rec, "spotburst: hibernation of " + instanceId + " did not complete within "
                    + timeoutSeconds + "s", null, now)) {
                out.put("node", rec.node().toString());
                out.put("phase", "FAILED");
                return out;
            }
        }
        throw new IllegalStateException("node of " + instanceId + " kept changing; Step Functions retries");
    }

    private static String phase(NodeState s) {
        return switch (s) {
            case HIBERNATING, HIBERNATED, READY, FAILED -> s.name();
            case LAUNCHED -> "READY";
            case POWERED_DOWN, RESUMING, INTERRUPTED, SUSPENDING -> "ENDED";
        };
    }
}
