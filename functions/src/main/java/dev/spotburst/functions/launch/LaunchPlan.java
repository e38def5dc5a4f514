package dev.spotburst.functions.launch;

import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.util.List;
import java.util.Map;

/** One EC2 launch call, decided in pure code; the EC2 adapter maps it to the SDK request and only sends it. */
public sealed interface LaunchPlan {

    String clientToken();

    /**
     * CreateFleet {@code Type=instant} for {@code count} instances across all pools of a group.
     *
     * @param marketOptions the group's SpotOptions / OnDemandOptions as written (CreateFleet shape)
     * @param tags          the fleet's TagSpecifications: one node's own tags when the fleet is for one node, else
     *                      the uniform ones ({@link LaunchTags#uniform}); see {@link LaunchTags#afterLaunch}
     */
    record Fleet(NodeGroupId group, Market market, String allocationStrategy, LaunchTemplateRef template,
                 List<Pool> pools, Map<String, Object> marketOptions, int count, String clientToken,
                 List<LaunchTag> tags) implements LaunchPlan {
        public Fleet {
            pools = List.copyOf(pools);
            marketOptions = Map.copyOf(marketOptions);
            tags = List.copyOf(tags);
        }

        /** The launch itself names the node ({@code spotburst:node} in TagSpecifications): no CreateTags for it. */
        public boolean carriesNodeTags() {
            return tags.stream().anyMatch(t -> t.key().equals(LaunchTags.NODE));
        }
    }

    /**
     * RunInstances for one node in one pool. For {@code market=SPOT} it is a persistent Spot request whose
     * interruption behaviour keeps the instance (hibernate/stop); for ON_DEMAND it is the fallback.
     */
    record Instance(NodeName node, Market market, InterruptionBehavior behaviour, LaunchTemplateRef template,
                    Pool pool, String maxPrice, String clientToken, List<LaunchTag> tags) implements LaunchPlan {
        public Instance {
            tags = List.copyOf(tags);
        }
    }
}
