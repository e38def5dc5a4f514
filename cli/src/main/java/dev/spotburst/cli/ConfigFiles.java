package dev.spotburst.cli;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code --partitions} / {@code --config} pair shared by config commands. Without {@code --partitions} the
 * example bundled in the jar is used, so a new user sees the whole flow before writing a file.
 */
final class ConfigFiles {

    @Option(names = "--partitions", paramLabel = "FILE",
            description = "partitions.json (AWS plugin for Slurm format). Default: the bundled example.")
    Path partitions;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config.json (AWS plugin for Slurm format). Default: the bundled example when "
                    + "--partitions is not given, else built-in defaults.")
    Path config;

    @Option(names = "--ec2-instance-types",
            description = "Take instance-type facts (vCPUs, cores, threads, memory, hibernation support) from EC2 "
                    + "DescribeInstanceTypes in each node group's region, with the bundled catalogue as fallback. "
                    + "Uses the AWS credentials and endpoint from the environment (AWS_ENDPOINT_URL honoured).")
    boolean ec2InstanceTypes;

    private InstanceTypeCatalog catalog = OfflineInstanceTypeCatalog.load();

    /** The catalogue the last {@link #load} validated against; slurm.conf must be generated from the same facts. */
    InstanceTypeCatalog catalog() {
        return catalog;
    }

    ConfigResult load(PrintWriter err) {
        String partitionsText;
        String configText;
        if (partitions == null) {
            err.println("note: no --partitions given; using the bundled example (examples/partitions.json, examples/config.json)");
            err.flush();
            partitionsText = resource("examples/partitions.json");
            configText = config == null ? resource("examples/config.json") : read(config);
        } else {
            for (Path p : new Path[] {partitions, config}) {
                if (p != null && !Files.isReadable(p)) {
                    throw new InvalidInputException("spotburst: cannot read '" + p + "'");
                }
            }
            partitionsText = read(partitions);
            configText = config == null ? null : read(config);
        }
        ConfigResult result = ConfigLoader.parse(partitionsText, configText, catalog);
        if (!ec2InstanceTypes || !result.ok()) {
            return result;
        }
        // Second pass with EC2's facts: the first one only told us which regions and types to ask for.
        catalog = fetchFromEc2(result.config()).orElse(catalog);
        return ConfigLoader.parse(partitionsText, configText, catalog);
    }

    private static InstanceTypeCatalog fetchFromEc2(ClusterConfig config) {
        Map<String, Set<String>> typesByRegion = new TreeMap<>();
        config.nodeGroups().forEach(g -> typesByRegion.computeIfAbsent(g.region(), r -> new TreeSet<>())
                .addAll(g.instanceTypes()));
        InstanceTypeCatalog merged = type -> Optional.empty();
        var clients = new AwsClients();
        for (var entry : typesByRegion.entrySet()) {
            merged = merged.orElse(Ec2InstanceTypeCatalog.fetch(clients.ec2(entry.getKey()), entry.getValue()));
        }
        return merged;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new InvalidInputException("spotburst: cannot read '" + p + "': " + e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
