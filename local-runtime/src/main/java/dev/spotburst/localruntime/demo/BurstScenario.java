package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A burst of jobs across every partition, arriving over a few seconds, with Spot capacity cut so that the
 * interesting paths show: a Spot group with On-Demand fallback gets only a little Spot (the rest falls back), and
 * a Spot group without fallback gets a couple of instances, after which its nodes fail with EC2's capacity error
 * and are set DOWN with that reason (their jobs requeue onto other nodes).
 */
public record BurstScenario(String name, List<JobArrival> jobs, List<CapacityLimit> capacity) {

    public record JobArrival(Duration at, String partition, int nodes, Duration duration) {
    }

    public record CapacityLimit(String instanceType, String availabilityZone, String market, int available) {
    }

    public static final List<String> NAMES = List.of("burst");

    public static BurstScenario burst(ClusterConfig config, int totalNodes, long seed) {
        if (totalNodes < 1) {
            throw new IllegalArgumentException("--nodes must be >= 1, got " + totalNodes);
        }
        var zones = EmulatorSeed.subnetZones(config);
        var limits = new ArrayList<CapacityLimit>();
        for (var g : config.nodeGroups().toList()) {
            if (g.purchasingOption() != dev.spotburst.model.Market.SPOT) {
                continue;
            }
            var types = g.instanceTypes();
            for (int t = 0; t < types.size(); t++) {
                for (int s = 0; s < g.subnetIds().size(); s++) {
                    String az = zones.get(g.subnetIds().get(s));
                    int keep = g.spotburst().fallbackToOnDemand()
                            ? (t == types.size() - 1 ? 2 : 0)   // a little Spot in the last pool only
                            : (t == 0 && s == 0 ? 3 : 0);       // three instances, then capacity errors
                    limits.add(new CapacityLimit(types.get(t), az, "spot", keep));
                }
            }
        }
        var random = new Random(seed);
        var partitions = config.partitions().stream().map(p -> p.partitionName()).toList();
        var jobs = new ArrayList<JobArrival>();
        int placed = 0;
        for (int i = 0; placed < totalNodes; i++) {
            String partition = partitions.get(i % partitions.size());
            int max = Math.max(1, Math.min(3, guaranteed(config, partition)));
            int nodes = Math.min(1 + random.nextInt(max), totalNodes - placed);
            var at = Duration.ofMillis(random.nextInt(3000));
            var duration = Duration.ofMillis(2000 + random.nextInt(3000));
            jobs.add(new JobArrival(at, partition, nodes, duration));
            placed += nodes;
        }
        jobs.sort(java.util.Comparator.comparing(JobArrival::at));
        return new BurstScenario("burst", List.copyOf(jobs), List.copyOf(limits));
    }

    /** Nodes of a partition that can always get capacity in this scenario: On-Demand and fallback groups, 3 per other Spot group. */
    private static int guaranteed(ClusterConfig config, String partition) {
        return config.partitions().stream().filter(p -> p.partitionName().equals(partition))
                .flatMap(p -> p.nodeGroups().stream())
                .mapToInt(g -> g.purchasingOption() != dev.spotburst.model.Market.SPOT || g.spotburst().fallbackToOnDemand()
                        ? g.maxNodes() : Math.min(3, g.maxNodes()))
                .sum();
    }
}
