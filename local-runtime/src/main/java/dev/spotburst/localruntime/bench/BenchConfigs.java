package dev.spotburst.localruntime.bench;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeNameTags;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Cluster configurations of a given size for the benchmarks, written as the user would (partitions.json +
 * config.json) and loaded through {@link ConfigLoader}: {@code partitions} partitions of {@code groupsPer} groups,
 * alternately Spot (terminate behaviour, On-Demand fallback: instant fleets) and On-Demand, two subnets each.
 */
final class BenchConfigs {
    private static final String SPOT_OPTIONS =
            "\"SpotOptions\": {\"AllocationStrategy\": \"price-capacity-optimized\", \"InstanceInterruptionBehavior\": \"terminate\"},";

    private BenchConfigs() {
    }

    static ClusterConfig of(int partitions, int groupsPer, int nodesPerGroup, int resumeRate) {
        return of(partitions, groupsPer, nodesPerGroup, resumeRate, NodeNameTags.LAUNCH);
    }

    static ClusterConfig of(int partitions, int groupsPer, int nodesPerGroup, int resumeRate, NodeNameTags nameTags) {
        var parts = new ArrayList<String>();
        for (int p = 0; p < partitions; p++) {
            var groups = new ArrayList<String>();
            for (int g = 0; g < groupsPer; g++) {
                boolean spot = (p * groupsPer + g) % 2 == 0;
                groups.add("""
                        {"NodeGroupName": "g%d", "MaxNodes": %d, "Region": "us-east-1",
                         "PurchasingOption": "%s",
                         %s
                         "OnDemandOptions": {"AllocationStrategy": "lowest-price"},
                         "LaunchTemplateSpecification": {"LaunchTemplateName": "bench-node", "Version": "$Latest"},
                         "LaunchTemplateOverrides": [{"InstanceType": "m5.large"}, {"InstanceType": "c5.large"}],
                         "SubnetIds": ["subnet-0a0b0c01", "subnet-0a0b0c02"],
                         "Spotburst": {"FallbackToOnDemand": %s}}""".formatted(g, nodesPerGroup, spot ? "spot" : "on-demand", spot ? SPOT_OPTIONS : "", spot));
            }
            parts.add("{\"PartitionName\": \"p%d\", \"NodeGroups\": [%s]}".formatted(p, String.join(",", groups)));
        }
        String partitionsJson = "{\"Partitions\": [" + String.join(",", parts) + "]}";
        String configJson = """
                {"SlurmConf": {"PrivateData": "cloud", "ResumeProgram": "/opt/spotburst/bin/spotburst-resume",
                   "SuspendProgram": "/opt/spotburst/bin/spotburst-suspend",
                   "ResumeFailProgram": "/opt/spotburst/bin/spotburst-resume-fail", "TreeWidth": 60000,
                   "ResumeRate": %d, "SuspendRate": %d, "ResumeTimeout": 600, "SuspendTime": 3600},
                 "Spotburst": {"ClusterName": "bench", "ReconcileIntervalSeconds": 60, "NodeNameTags": "%s",
                   "SubnetAvailabilityZones": {"subnet-0a0b0c01": "us-east-1a", "subnet-0a0b0c02": "us-east-1b"}}}
                """.formatted(resumeRate, resumeRate, nameTags.wire());
        var result = ConfigLoader.parse(partitionsJson, configJson, OfflineInstanceTypeCatalog.load());
        if (!result.ok()) {
            throw new IllegalStateException("benchmark config invalid:\n" + result);
        }
        return result.config();
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
