package dev.spotburst.functions.fakes;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ClusterExtensions;
import dev.spotburst.config.InstanceOverride;
import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeGroupExtensions;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.config.PluginConfig;
import dev.spotburst.config.Tag;
import dev.spotburst.model.Market;

import java.util.List;
import java.util.Map;

/** A small cluster: batch-od (on-demand), batch-spot (spot, terminate, OD fallback), batch-hib (spot, hibernate). */
public final class TestConfig {
    public static final String CLUSTER = "demo";

    private TestConfig() {
    }

    public static NodeGroupConfig od() {
        return new NodeGroupConfig("batch", "od", 4, "eu-west-1", null, Market.ON_DEMAND,
                Map.of("AllocationStrategy", "lowest-price"), Map.of(),
                new LaunchTemplateRef(null, "hpc-node", "$Latest"),
                List.of(new InstanceOverride("m6i.2xlarge", Map.of())),
                List.of("subnet-a"), List.of(new Tag("CostCenter", "genomics")), Map.of(), null);
    }

    public static NodeGroupConfig spot() {
        return new NodeGroupConfig("batch", "spot", 8, "eu-west-1", null, Market.SPOT,
                Map.of(), Map.of("AllocationStrategy", "capacity-optimized"),
                new LaunchTemplateRef("lt-0abc", null, "1"),
                List.of(new InstanceOverride("m6i.2xlarge", Map.of()), new InstanceOverride("m5.2xlarge", Map.of("MaxPrice", "0.2"))),
                List.of("subnet-a", "subnet-b"),
                List.of(new Tag("Owner", "{node_name}"), new Tag("Ip", "{ip_address}")), Map.of(),
                new NodeGroupExtensions(0, null, true, 240, 0, NodeGroupExtensions.RebalanceAction.DRAIN));
    }

    public static NodeGroupConfig hib() {
        return new NodeGroupConfig("batch", "hib", 4, "eu-west-1", null, Market.SPOT,
                Map.of(), Map.of("AllocationStrategy", "capacity-optimized", "InstanceInterruptionBehavior", "hibernate"),
                new LaunchTemplateRef(null, "hpc-node-hibernate", "$Latest"),
                List.of(new InstanceOverride("m6i.2xlarge", Map.of()), new InstanceOverride("m5.2xlarge", Map.of())),
                List.of("subnet-a", "subnet-b"), List.of(), Map.of(), null);
    }

    public static ClusterConfig cluster() {
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(od(), spot(), hib()), Map.of())),
                new PluginConfig("INFO", "/var/log/x", "/usr/bin", null, Map.of("ResumeTimeout", "600"),
                        new ClusterExtensions(CLUSTER, 300, 3, 60)));
    }
}
