package dev.spotburst.functions.launch;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.model.NodeName;

import java.util.ArrayList;
import java.util.List;

/** The tags spotburst puts on what it launches; the cluster tag is how the reconciler finds its instances. */
public final class LaunchTags {
    public static final String CLUSTER = "spotburst:cluster";
    /**
     * On an On-Demand twin while the rescue moves a hibernated node onto it (the rescue writes it; same value as
     * {@code rescue.RescueLaunch.RESCUED_FROM}): the Spot instance it rescues. Until the rescue rebinds the node,
     * the twin is nobody's and the Spot instance's request is cancelled on purpose, so neither is an orphan or a loss.
     */
    public static final String RESCUED_FROM = "spotburst:rescued-from";
    public static final String NODE = "spotburst:node";
    public static final String NODE_GROUP = "spotburst:node-group";

    private LaunchTags() {
    }

    /** Tags every instance of the group carries, whichever node it serves (fleet-level TagSpecifications). */
    public static List<LaunchTag> common(String cluster, NodeGroupConfig group) {
        return List.of(new LaunchTag(CLUSTER, cluster), new LaunchTag(NODE_GROUP, group.id().toString()));
    }

    /** Everything an instance serving {@code node} carries: Name, ours, and the user's with {node_name} filled. */
    public static List<LaunchTag> forNode(String cluster, NodeGroupConfig group, NodeName node) {
        var out = new ArrayList<LaunchTag>();
        out.add(new LaunchTag("Name", node.toString()));
        out.addAll(common(cluster, group));
        out.add(new LaunchTag(NODE, node.toString()));
        for (var t : group.tags()) {
            if (t.key().equals("Name") || t.key().startsWith("spotburst:")) {
                continue; // Name is the node name (the compute node reads it at boot); ours are not user-settable.
            }
            out.add(new LaunchTag(t.key(), t.value() == null ? "" : t.value().replace("{node_name}", node.toString())));
        }
        return List.copyOf(out);
    }

    /** Per-node tags that can be written right away (no placeholders left). */
    public static List<LaunchTag> resolvable(List<LaunchTag> tags) {
        return tags.stream().filter(t -> !t.needsInstanceFacts()).toList();
    }
}
