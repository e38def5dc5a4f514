package dev.spotburst.functions.launch;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns "these nodes of this group need capacity" into {@link LaunchPlan}s. Pure. */
public final class LaunchPlanner {

    /** Instant-fleet options that only make sense for maintain/request fleets or persistent Spot. */
    private static final List<String> NOT_FOR_INSTANT = List.of("InstanceInterruptionBehavior");

    private LaunchPlanner() {
    }

    /** Pools in the user's priority order: override order first, then subnet order. */
    public static List<Pool> pools(NodeGroupConfig group) {
        var out = new ArrayList<Pool>();
        for (var o : group.launchTemplateOverrides()) {
            for (var subnet : group.subnetIds()) {
                out.add(new Pool(o.instanceType(), subnet, o.extra()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One instant fleet for {@code nodes} (sorted) of the group in {@code market}. The client token covers the
     * group, market, nodes and each node's record version, so a retried batch repeats the same token and EC2
     * returns the first call's result instead of launching twice. A fleet for one node carries that node's tags
     * (free: they are in the launch call); a larger one only tags every instance can share.
     */
    public static LaunchPlan.Fleet fleet(String cluster, NodeGroupConfig group, Market market,
                                         List<NodeName> nodes, String batchKey) {
        Map<String, Object> options = new HashMap<>(market == Market.SPOT ? group.spotOptions() : group.onDemandOptions());
        NOT_FOR_INSTANT.forEach(options::remove);
        options.remove("AllocationStrategy");
        var sorted = nodes.stream().sorted().toList();
        return new LaunchPlan.Fleet(group.id(), market, group.allocationStrategy(market), group.launchTemplate(),
                pools(group), options, sorted.size(),
                clientToken("fleet", group.id().toString(), market.wire(), sorted.toString(), batchKey),
                sorted.size() == 1 ? LaunchTags.forNode(cluster, group, sorted.get(0)) : LaunchTags.uniform(cluster, group));
    }

    /** One RunInstances for a node in a pool: persistent Spot (hibernate/stop) or the On-Demand fallback. */
    public static LaunchPlan.Instance instance(String cluster, NodeGroupConfig group, NodeName node, Market market,
                                               Pool pool, String batchKey) {
        Object maxPrice = market == Market.SPOT ? pool.overrideExtra().getOrDefault("MaxPrice",
                group.spotOptions().get("MaxPrice")) : null;
        return new LaunchPlan.Instance(node, market, group.interruptionBehavior(), group.launchTemplate(), pool,
                maxPrice == null ? null : maxPrice.toString(),
                clientToken("instance", node.toString(), market.wire(), pool.toString(), batchKey),
                LaunchTags.forNode(cluster, group, node));
    }

    /** EC2 client tokens are at most 64 ASCII characters; a digest of the inputs is stable and short. */
    static String clientToken(String... parts) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            for (var p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return "sb-" + HexFormat.of().formatHex(md.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
