package dev.spotburst.localruntime.demo;

import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.localruntime.sim.SimJobView;
import dev.spotburst.localruntime.sim.SimNodeView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Follows the nodes that ran a job when the interruptions began: which instance (and IP) they ran on then, and the
 * last instance seen under the same job on the same node, so a summary can say whether a node kept its instance
 * through a hibernation. Used from the scenario's thread only.
 */
final class NodeWatch {
    private static final class Tracked {
        String behaviour;
        long job;
        String instanceBefore;
        String ipBefore;
        String instanceAfter;
        String ipAfter;
        String slurmAddressAfter;
    }

    private final Map<String, Tracked> tracked = new TreeMap<>();

    /** @param behaviourOf node name → interruption behaviour of its group, null for nodes not to follow */
    void start(List<SimNodeView> nodes, java.util.function.Function<String, String> behaviourOf,
               Map<String, InstanceView> byId) {
        for (var n : nodes) {
            String behaviour = behaviourOf.apply(n.name());
            if (behaviour == null || n.jobId() == null || n.instanceId() == null) {
                continue;
            }
            var t = new Tracked();
            t.behaviour = behaviour;
            t.job = n.jobId();
            t.instanceBefore = n.instanceId();
            t.ipBefore = ip(byId, n.instanceId());
            tracked.put(n.name(), t);
        }
        observe(nodes, byId);
    }

    void observe(List<SimNodeView> nodes, Map<String, InstanceView> byId) {
        for (var n : nodes) {
            var t = tracked.get(n.name());
            if (t != null && n.jobId() != null && n.jobId() == t.job && n.instanceId() != null) {
                t.instanceAfter = n.instanceId();
                t.ipAfter = ip(byId, n.instanceId());
                t.slurmAddressAfter = n.address();
            }
        }
    }

    /** Instances of the followed nodes when the watch started. */
    List<String> instancesBefore(String behaviour) {
        return tracked.values().stream().filter(t -> t.behaviour.equals(behaviour)).map(t -> t.instanceBefore).toList();
    }

    List<InterruptionSummary.NodeOutcome> outcomes(List<SimJobView> jobs, Map<String, InstanceView> byId,
                                                   Set<String> interrupted) {
        var out = new ArrayList<InterruptionSummary.NodeOutcome>();
        tracked.forEach((node, t) -> {
            var job = jobs.stream().filter(j -> j.id() == t.job).findFirst().orElseThrow();
            var end = byId.get(t.instanceBefore);
            out.add(new InterruptionSummary.NodeOutcome(node, t.behaviour, t.job, interrupted.contains(t.instanceBefore),
                    t.instanceBefore, t.ipBefore, t.instanceAfter, t.ipAfter, t.slurmAddressAfter,
                    end == null ? "gone" : end.state(), job.state().name(), job.restarts(), job.pauses(),
                    job.longestGap().toMillis()));
        });
        return out;
    }

    private static String ip(Map<String, InstanceView> byId, String instanceId) {
        var i = byId.get(instanceId);
        return i == null ? null : i.privateIpAddress();
    }
}
