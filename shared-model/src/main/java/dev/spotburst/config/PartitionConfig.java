package dev.spotburst.config;

import java.util.List;
import java.util.Map;

/** One entry of {@code Partitions}: name, node groups and {@code PartitionOptions} copied onto the Slurm line. */
public record PartitionConfig(String partitionName, List<NodeGroupConfig> nodeGroups, Map<String, String> partitionOptions) {
    public PartitionConfig {
        nodeGroups = List.copyOf(nodeGroups);
        partitionOptions = partitionOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partitionOptions));
    }
}
