package dev.spotburst.localruntime.demo;

import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.localruntime.sim.SimulatedSlurm;
import dev.spotburst.messages.PowerSaveRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Control-plane latency from a resume request's arrival at the queue (SQS {@code SentTimestamp}, read from the
 * consumer's ReceiveMessage response) to the launch request that produced the node's instance being handed to the
 * HTTP client (SDK interceptor, first attempt). Per node and request: the earliest launch issued after the request
 * arrived whose instances include one serving the node. Nodes that got no instance are not in the sample.
 */
public final class LaunchLatency {
    private LaunchLatency() {
    }

    public record Result(Percentiles millis, int sentTimestampsMissing) {
    }

    /** Nodes found by their instances' tags only. */
    public static Result compute(List<SimulatedSlurm.Sent> sent, SdkCallLog log, List<InstanceView> instances) {
        var byTag = new HashMap<String, String>();
        for (var i : instances) {
            String node = i.tags().getOrDefault("spotburst:node", i.tags().get("Name"));
            if (node != null) {
                byTag.put(i.instanceId(), node);
            }
        }
        return compute(sent, log, byTag);
    }

    /**
     * @param nodeByInstance instance id → node it serves (multi-node fleets name their instances' nodes only in the
     *                       state table: {@code DemoEnvironment.nodeNames})
     */
    public static Result compute(List<SimulatedSlurm.Sent> sent, SdkCallLog log, Map<String, String> nodeByInstance) {
        Map<String, List<String>> instancesByNode = new HashMap<>();
        nodeByInstance.forEach((id, node) -> instancesByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(id));
        Map<String, List<Long>> issuedByInstance = new HashMap<>();
        for (var l : log.launches()) {
            for (var id : l.instanceIds()) {
                issuedByInstance.computeIfAbsent(id, k -> new ArrayList<>()).add(l.issuedAtMillis());
            }
        }
        var arrivals = log.sentTimestamps();
        var samples = new ArrayList<Long>();
        int missing = 0;
        for (var s : sent) {
            if (s.request().kind() != PowerSaveRequest.Kind.RESUME) {
                continue;
            }
            Long arrived = arrivals.get(s.request().id());
            if (arrived == null) {
                missing++;
                arrived = s.sentAt().toEpochMilli();
            }
            for (var node : Hostlist.expand(s.request().hostlist())) {
                long best = Long.MAX_VALUE;
                for (var id : instancesByNode.getOrDefault(node, List.of())) {
                    for (long issued : issuedByInstance.getOrDefault(id, List.of())) {
                        if (issued >= arrived && issued < best) {
                            best = issued;
                        }
                    }
                }
                if (best != Long.MAX_VALUE) {
                    samples.add(best - arrived);
                }
            }
        }
        return new Result(Percentiles.of(samples), missing);
    }
}
