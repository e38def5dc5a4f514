package dev.spotburst.cdk;

import dev.spotburst.cdk.workflows.Workflows;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ClusterExtensions;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.config.PluginConfig;
import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.instancetypes.InstanceTypeInfo;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Turns the app's inputs into a stack: validate the configuration (failing with every error and its JSON path),
 * generate the slurm.conf fragment, stage the config layer, find the state machines and the bootstrap script.
 */
public final class AppAssembly {

    /** The synthesized stack and the slurm.conf fragment that goes with it. */
    public record Result(SpotburstStack stack, String slurmConf) {
    }

    private AppAssembly() {
    }

    /**
     * @param load     the configuration loader ({@code ConfigLoader::load} bound to the catalog)
     * @param generate the slurm.conf generator
     */
    public static Result build(App app, AppInputs in, InstanceTypeCatalog catalog,
                               BiFunction<Path, Path, ConfigResult> load,
                               BiFunction<ClusterConfig, InstanceTypeCatalog, String> generate) {
        if (!Files.isRegularFile(in.lambdaJar())) {
            throw new IllegalArgumentException("Lambda jar not found at " + in.lambdaJar().toAbsolutePath().normalize()
                    + ": build it (./mvnw -pl functions package) or pass -c lambdaJar=<path>");
        }
        ConfigResult result = load.apply(in.partitions(), in.config());
        if (!result.ok()) {
            throw new InvalidConfigurationException(result.errors());
        }
        result.warnings().forEach(w -> System.err.println("spotburst: " + w));
        ClusterConfig config = withClusterName(result.config(), in.clusterName());
        String slurmConf = generate.apply(config, catalog);
        // A clusterName override must reach the functions' copy of config.json, or they refuse to start.
        Optional<String> renamed = in.clusterName().filter(n -> !n.equals(result.config().clusterName()));
        renamed.ifPresent(n -> System.err.println("spotburst: clusterName '" + n + "' overrides config.json's '"
                + result.config().clusterName() + "'; the functions get a config.json with the new name, use the same "
                + "Spotburst.ClusterName on the head node"));
        Path layer = ConfigLayerStaging.stage(in.layerStagingDir(), in.partitions(), in.config(), renamed);
        var props = new SpotburstStackProps(config, slurmConf, in.lambdaJar(), layer,
                Workflows.definitionsIn(in.stateMachineDir()), bootstrapScript(in.bootstrapDir()),
                type -> catalog.find(type).map(InstanceTypeInfo::memoryMiB).orElseThrow(() ->
                        new IllegalArgumentException("instance type " + type + " is not in the instance type catalog")),
                in.options());
        var stack = new SpotburstStack(app, "spotburst-" + config.clusterName(), StackProps.builder()
                .description("spotburst control plane for Slurm cluster " + config.clusterName())
                .build(), props);
        return new Result(stack, slurmConf);
    }

    static ClusterConfig withClusterName(ClusterConfig c, Optional<String> name) {
        if (name.isEmpty() || name.get().equals(c.clusterName())) {
            return c;
        }
        PluginConfig p = c.plugin();
        ClusterExtensions e = p.spotburst();
        return new ClusterConfig(c.partitions(), new PluginConfig(p.logLevel(), p.logFileName(), p.slurmBinPath(),
                p.nodePartitionFolder(), p.slurmConf(), e.withClusterName(name.get())));
    }

    /** The compute-node bootstrap script: {@code compute-node.sh} if present, else the only {@code *.sh}. */
    static Optional<String> bootstrapScript(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            var scripts = s.filter(p -> p.getFileName().toString().endsWith(".sh")).sorted().toList();
            Path chosen = scripts.stream().filter(p -> p.getFileName().toString().equals("compute-node.sh"))
                    .findFirst().orElse(scripts.size() == 1 ? scripts.get(0) : null);
            if (chosen == null && scripts.size() > 1) {
                throw new IllegalArgumentException("several bootstrap scripts in " + dir + " " + scripts
                        + " and none is named compute-node.sh");
            }
            return chosen == null ? Optional.empty() : Optional.of(Files.readString(chosen));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap script in " + dir, e);
        }
    }
}
