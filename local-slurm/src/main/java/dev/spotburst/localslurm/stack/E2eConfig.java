package dev.spotburst.localslurm.stack;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.slurmconf.SlurmConfGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The local Slurm cluster's spotburst configuration ({@code src/main/resources/local-slurm-cluster/}): partition {@code burst}
 * with a terminate-behaviour Spot group with On-Demand fallback ({@code spot}, Weight 1, c5.large), an On-Demand
 * group ({@code od}, Weight 10, m5.large) and a hibernating Spot group ({@code hib}, Weight 100, m6i.large), four
 * nodes each, one subnet whose CIDR is the e2e bridge's 10.253.0.0/24. The weights make Slurm pick spot, then od,
 * then hib; distinct instance types let a scenario starve one group's capacity pool without touching the others.
 */
public final class E2eConfig {

    public static final String PARTITION = "burst";

    private E2eConfig() {
    }

    /** Copies the two files into {@code dir} (the control plane's config dir) and loads them; fails on any error. */
    public static ClusterConfig install(Path dir) {
        try {
            Files.createDirectories(dir);
            for (var name : List.of("partitions.json", "config.json")) {
                try (InputStream in = E2eConfig.class.getResourceAsStream("/local-slurm-cluster/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("resource /local-slurm-cluster/" + name + " is missing");
                    }
                    Files.write(dir.resolve(name), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the e2e configuration to " + dir, e);
        }
        var result = ConfigLoader.load(dir.resolve("partitions.json"), dir.resolve("config.json"),
                OfflineInstanceTypeCatalog.load());
        if (!result.ok()) {
            throw new IllegalStateException("the e2e configuration has errors: " + result.errors());
        }
        return result.config();
    }

    /** The NodeName and PartitionName lines exactly as {@code SlurmConfGenerator} writes them for this config. */
    public static String nodeAndPartitionLines(ClusterConfig config) {
        return SlurmConfGenerator.generate(config, OfflineInstanceTypeCatalog.load()).lines()
                .filter(l -> l.startsWith("NodeName=") || l.startsWith("PartitionName="))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    public static List<String> nodeNames(ClusterConfig config) {
        return config.nodeGroups().flatMap(NodeGroupConfig::nodes).map(Object::toString).toList();
    }

    public static String node(String group, int index) {
        return PARTITION + "-" + group + "-" + index;
    }
}
