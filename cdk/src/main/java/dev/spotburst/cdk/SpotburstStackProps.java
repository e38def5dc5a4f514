package dev.spotburst.cdk;

import dev.spotburst.config.ClusterConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Everything the stack is built from, already validated: the cluster configuration, the generated slurm.conf
 * fragment, the handler jar, the folder shipped as the config layer, the state machine definitions.
 *
 * @param configLayerDir  folder whose content lands under {@code /opt} (holds {@code spotburst/partitions.json} and
 *                        {@code spotburst/config.json})
 * @param bootstrapScript compute-node user data, if a bootstrap script is shipped
 * @param memoryMiB       instance type → memory in MiB (instance type catalog)
 */
public record SpotburstStackProps(
        ClusterConfig config,
        String slurmConf,
        Path lambdaJar,
        Path configLayerDir,
        List<Path> stateMachines,
        Optional<String> bootstrapScript,
        ToLongFunction<String> memoryMiB,
        DeploymentOptions options) {

    public SpotburstStackProps {
        stateMachines = List.copyOf(stateMachines);
    }
}
