package dev.spotburst.config;

import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One {@code NodeGroups} entry, field for field as the AWS plugin for Slurm defines it, plus {@link #spotburst()}
 * (our optional extensions, key {@code "Spotburst"} in the node group object).
 *
 * <p>{@code onDemandOptions} / {@code spotOptions} are kept as the CreateFleet-shaped maps the user wrote
 * (values are strings, numbers or booleans), so nothing they set is lost on the way to EC2.
 */
public record NodeGroupConfig(
        String partitionName,
        String nodeGroupName,
        int maxNodes,
        String region,
        String profileName,
        Market purchasingOption,
        Map<String, Object> onDemandOptions,
        Map<String, Object> spotOptions,
        LaunchTemplateRef launchTemplate,
        List<InstanceOverride> launchTemplateOverrides,
        List<String> subnetIds,
        List<Tag> tags,
        Map<String, String> slurmSpecifications,
        NodeGroupExtensions spotburst) {

    public NodeGroupConfig {
        onDemandOptions = onDemandOptions == null ? Map.of() : Map.copyOf(onDemandOptions);
        spotOptions = spotOptions == null ? Map.of() : Map.copyOf(spotOptions);
        launchTemplateOverrides = List.copyOf(launchTemplateOverrides);
        subnetIds = List.copyOf(subnetIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
        slurmSpecifications = slurmSpecifications == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slurmSpecifications));
        spotburst = spotburst == null ? NodeGroupExtensions.DEFAULTS : spotburst;
    }

    public NodeGroupId id() {
        return new NodeGroupId(partitionName, nodeGroupName);
    }

    public Stream<NodeName> nodes() {
        return IntStream.range(0, maxNodes).mapToObj(i -> new NodeName(id(), i));
    }

    /** Spot groups only; On-Demand instances always terminate. Absent means {@code terminate}. */
    public InterruptionBehavior interruptionBehavior() {
        if (purchasingOption != Market.SPOT) {
            return InterruptionBehavior.TERMINATE;
        }
        Object b = spotOptions.get("InstanceInterruptionBehavior");
        return b == null ? InterruptionBehavior.TERMINATE : InterruptionBehavior.fromWire(b.toString());
    }

    /** Hibernating groups get one persistent Spot request per node instead of instant fleets (design.md). */
    public boolean hibernates() {
        return interruptionBehavior().keepsInstance();
    }

    public List<String> instanceTypes() {
        return launchTemplateOverrides.stream().map(InstanceOverride::instanceType).distinct().toList();
    }

    /** Allocation strategy for the group's market, as written, or EC2's default for that market. */
    public String allocationStrategy(Market market) {
        Map<String, Object> opts = market == Market.SPOT ? spotOptions : onDemandOptions;
        Object s = opts.get("AllocationStrategy");
        if (s != null) {
            return s.toString();
        }
        return market == Market.SPOT ? "price-capacity-optimized" : "lowest-price";
    }
}
