package dev.spotburst.config;

import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything spotburst knows from the user's two files: {@code partitions.json} and {@code config.json}
 * (AWS plugin for Slurm format, plus optional spotburst extensions). Immutable; produced by {@link ConfigLoader}
 * only after validation passed.
 */
public record ClusterConfig(List<PartitionConfig> partitions, PluginConfig plugin) {

    public ClusterConfig {
        partitions = List.copyOf(partitions);
    }

    public Stream<NodeGroupConfig> nodeGroups() {
        return partitions.stream().flatMap(p -> p.nodeGroups().stream());
    }

    public Optional<NodeGroupConfig> nodeGroup(NodeGroupId id) {
        return nodeGroups().filter(g -> g.id().equals(id)).findFirst();
    }

    /** The node group a node belongs to, if the node exists in this configuration (index below MaxNodes). */
    public Optional<NodeGroupConfig> nodeGroupOf(NodeName node) {
        return nodeGroup(node.group()).filter(g -> node.index() < g.maxNodes());
    }

    public String clusterName() {
        return plugin.spotburst().clusterName();
    }
}
