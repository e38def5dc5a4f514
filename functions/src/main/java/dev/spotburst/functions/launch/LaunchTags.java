package dev.spotburst.functions.launch;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeNameTags;
import dev.spotburst.config.Tag;
import dev.spotburst.model.NodeName;

import java.util.ArrayList;
import java.util.List;

/**
 * The tags spotburst puts on what it launches, and when. The cluster tag is how the reconciler finds its
 * instances. Which node an instance serves is kept in DynamoDB ({@code LAUNCH#<instanceId>}, attribute
 * {@code node}; docs/state.md "Node identity"), not read from tags: a multi-node fleet's TagSpecifications are the
 * same for all its instances, so per-node tags there would cost one CreateTags per instance ({@link NodeNameTags}).
 */
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

    /**
     * What a multi-node fleet's TagSpecifications carry: {@link #common} and the user's tags that are the same for
     * every instance (no placeholder). Name and {@code spotburst:node} are per node, so they are not here.
     */
    public static List<LaunchTag> uniform(String cluster, NodeGroupConfig group) {
        var out = new ArrayList<>(common(cluster, group));
        for (var t : userTags(group)) {
            if (!perInstance(t)) {
                out.add(new LaunchTag(t.key(), t.value() == null ? "" : t.value()));
            }
        }
        return List.copyOf(out);
    }

    /** Everything an instance serving {@code node} carries: Name, ours, and the user's with {node_name} filled. */
    public static List<LaunchTag> forNode(String cluster, NodeGroupConfig group, NodeName node) {
        var out = new ArrayList<LaunchTag>();
        out.add(new LaunchTag("Name", node.toString()));
        out.addAll(common(cluster, group));
        out.add(new LaunchTag(NODE, node.toString()));
        for (var t : userTags(group)) {
            out.add(new LaunchTag(t.key(), t.value() == null ? "" : t.value().replace("{node_name}", node.toString())));
        }
        return List.copyOf(out);
    }

    /**
     * What CreateTags writes on an instance after it is bound to {@code node}; empty = no call. A launch that carried
     * the node's own tags (RunInstances, a fleet for one node) leaves only the tags EC2 knows nothing of until the
     * instance exists ({@code {ip_address}}, {@code {hostname}}). After a multi-node fleet: nothing in
     * {@link NodeNameTags#LAUNCH} mode unless the user's tags have per-instance placeholders (their explicit choice
     * costs the call; Name and {@code spotburst:node} then ride along for free); everything per node in
     * {@link NodeNameTags#ALWAYS} mode.
     */
    public static List<LaunchTag> afterLaunch(String cluster, NodeGroupConfig group, NodeName node, NodeNameTags mode,
                                              boolean nodeTagsAtLaunch) {
        var all = forNode(cluster, group, node);
        if (nodeTagsAtLaunch) {
            return all.stream().filter(LaunchTag::needsInstanceFacts).toList();
        }
        if (mode == NodeNameTags.ALWAYS) {
            return all;
        }
        if (!hasPerInstanceTags(group)) {
            return List.of();
        }
        var out = new ArrayList<LaunchTag>();
        out.add(new LaunchTag("Name", node.toString()));
        out.add(new LaunchTag(NODE, node.toString()));
        for (var t : userTags(group)) {
            if (perInstance(t)) {
                out.add(new LaunchTag(t.key(), t.value().replace("{node_name}", node.toString())));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether every bound instance of the group is meant to carry {@code spotburst:node}, so a missing one is worth
     * a CreateTags repair: per-node launches (hibernating groups) carry it at launch; {@link NodeNameTags#ALWAYS}
     * and per-instance user tags write it after launch anyway. Otherwise a repair would re-add the very per-instance
     * calls {@link NodeNameTags#LAUNCH} avoids.
     */
    public static boolean nodeTagExpected(NodeGroupConfig group, NodeNameTags mode) {
        return mode == NodeNameTags.ALWAYS || group.hibernates() || hasPerInstanceTags(group);
    }

    /** The group has user tags whose value differs per instance ({@code {node_name}}, {@code {ip_address}}, …). */
    public static boolean hasPerInstanceTags(NodeGroupConfig group) {
        return userTags(group).stream().anyMatch(LaunchTags::perInstance);
    }

    private static boolean perInstance(Tag t) {
        var v = t.value();
        return v != null && (v.contains("{node_name}") || v.contains("{ip_address}") || v.contains("{hostname}"));
    }

    /** Name is the node name and ours are not user-settable (the config loader reports both). */
    private static List<Tag> userTags(NodeGroupConfig group) {
        return group.tags().stream().filter(t -> !t.key().equals("Name") && !t.key().startsWith("spotburst:")).toList();
    }

    /** Per-node tags that can be written right away (no placeholders left). */
    public static List<LaunchTag> resolvable(List<LaunchTag> tags) {
        return tags.stream().filter(t -> !t.needsInstanceFacts()).toList();
    }
}
