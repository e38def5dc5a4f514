package dev.spotburst.localruntime.demo;

import dev.spotburst.localruntime.sim.SimStatus;

import java.util.Map;
import java.util.TreeMap;

/**
 * The figures every scenario reports about nodes, EC2 and what was left behind, taken at the end of a run.
 *
 * @param orphans live instances that no node record owns
 */
record RunFigures(int requested, int ready, int failed, int unaccounted, Map<String, Integer> failureReasons,
                  int orphans, int leftoverInstances, Map<String, Long> ec2Calls, long ec2CallsTotal,
                  long mutatingEc2Calls, double mutatingEc2CallsPerNode, Percentiles launchRequestLatency,
                  long commandsApplied, long handlerErrors) {

    static RunFigures of(DemoEnvironment env, SimStatus status) {
        Map<String, Long> ec2 = new TreeMap<>(env.emulator().control().callCounts());
        long total = ec2.values().stream().mapToLong(Long::longValue).sum();
        long mutating = ec2.entrySet().stream().filter(e -> DemoSummaryMath.mutating(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        var latency = LaunchLatency.compute(env.sim().sentRequests(), env.callLog(),
                env.nodeNames(env.emulator().control().instances()));
        return new RunFigures(status.requested(), status.ready(), status.failed(),
                status.requested() - status.ready() - status.failed(), status.failureReasons(), env.orphans().size(),
                env.liveInstances().size(), ec2, total, mutating,
                status.requested() == 0 ? 0 : Math.round(1000.0 * mutating / status.requested()) / 1000.0,
                latency.millis(), env.sim().commandsApplied(), env.controlPlane().handlerErrors());
    }
}
