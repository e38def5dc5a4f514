package dev.spotburst.localruntime.bench;

import dev.spotburst.config.NodeNameTags;
import dev.spotburst.localruntime.demo.DemoEnvironment;
import dev.spotburst.localruntime.demo.DemoSummaryMath;
import dev.spotburst.localruntime.demo.LaunchLatency;
import dev.spotburst.localruntime.sim.SimSettings;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * 1,000 nodes in 4 node groups resumed the way slurmctld asks for them: 1,000 one-node jobs submitted at once,
 * ResumeProgram called every power-save pass with at most ResumeRate (100) nodes, each call one message on the
 * requests FIFO queue. Emulator API latency 0, instances boot instantly. Measures arrival → launch request latency
 * and EC2 calls per resumed node. One run; {@link BenchMain} repeats it.
 */
final class ResumeBurstBench {
    record Result(int nodes, int launched, double seconds, long p50, long p99, long max, double mutatingPerNode,
                  double totalPerNode, Map<String, Long> ec2Calls, long dynamoCalls) {
    }

    static Result run(int nodes, Duration passInterval, PrintStream log) {
        return run(nodes, passInterval, NodeNameTags.LAUNCH, log);
    }

    /** @param nameTags {@code Spotburst.NodeNameTags}: "launch" makes no CreateTags for multi-node fleets */
    static Result run(int nodes, Duration passInterval, NodeNameTags nameTags, PrintStream log) {
        var config = BenchConfigs.of(2, 2, nodes / 4, 100, nameTags);
        var sim = new SimSettings(100, 100, Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofMinutes(10),
                passInterval, Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(5));
        try (var env = DemoEnvironment.start(config, new DemoEnvironment.Options(sim, Duration.ofSeconds(60), 100_000,
                Duration.ZERO, Duration.ZERO), line -> { })) {
            var slurm = env.startSlurm(text -> { });
            long t0 = System.nanoTime();
            for (var p : config.partitions()) {
                int size = p.nodeGroups().stream().mapToInt(g -> g.maxNodes()).sum();
                for (int i = 0; i < size; i++) {
                    slurm.submit(p.partitionName(), 1, Duration.ofHours(1));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            var status = slurm.status();
            while (status.ready() + status.failed() < nodes && System.nanoTime() < deadline) {
                sleep(100);
                status = slurm.status();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            var latency = LaunchLatency.compute(slurm.sentRequests(), env.callLog(),
                    env.nodeNames(env.emulator().control().instances()));
            Map<String, Long> ec2 = new TreeMap<>(env.emulator().control().callCounts());
            long total = ec2.values().stream().mapToLong(Long::longValue).sum();
            long mutating = ec2.entrySet().stream().filter(e -> DemoSummaryMath.mutating(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            Map<String, Long> dynamoCalls = new TreeMap<>();
            env.callLog().calls().forEach((k, v) -> {
                if (Prices.dynamo(k)) {
                    dynamoCalls.put(k.substring(k.indexOf(':') + 1), v);
                }
            });
            long dynamo = dynamoCalls.values().stream().mapToLong(Long::longValue).sum();
            log.printf("  resume burst (NodeNameTags=" + nameTags.wire() + "): %d nodes ready in %.1f s; latency p50 %d ms p99 %d ms max %d ms (n=%d, %d arrivals "
                            + "without SentTimestamp); EC2 %s; DynamoDB calls %d (%.1f per node) %s%n", status.ready(), seconds,
                    latency.millis().p50(), latency.millis().p99(), latency.millis().max(), latency.millis().count(),
                    latency.sentTimestampsMissing(), ec2, dynamo, dynamo / (double) nodes, dynamoCalls);
            return new Result(nodes, status.ready(), seconds, latency.millis().p50(), latency.millis().p99(),
                    latency.millis().max(), (double) mutating / nodes, (double) total / nodes, ec2, dynamo);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
