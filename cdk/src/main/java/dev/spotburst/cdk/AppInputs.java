package dev.spotburst.cdk;

import software.constructs.Node;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The app's inputs, from CDK context ({@code -c key=value} or cdk.json). Paths are relative to the directory
 * {@code cdk synth} runs in ({@code cdk/}).
 *
 * @param clusterName overrides config.json's {@code Spotburst.ClusterName} when given
 */
public record AppInputs(
        Path partitions,
        Path config,
        Optional<String> clusterName,
        Path lambdaJar,
        Path stateMachineDir,
        Path bootstrapDir,
        Path layerStagingDir,
        DeploymentOptions options) {

    private static final Pattern CLUSTER_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]{0,39}$");

    public static AppInputs fromContext(Node node) {
        var d = DeploymentOptions.defaults();
        var options = new DeploymentOptions(
                optional(node, "headNodeRoleArn"),
                optional(node, "headNodeSecurityGroupId"),
                optional(node, "vpcId"),
                optional(node, "alarmTopicArn"),
                optional(node, "alarmEmail"),
                optional(node, "amiId"),
                optional(node, "tableDeletionProtection").map(AppInputs::bool).orElse(d.tableDeletionProtection()),
                optional(node, "requestsConcurrency").map(v -> integer("requestsConcurrency", v))
                        .orElse(d.requestsConcurrency()),
                optional(node, "osVolumeGiB").map(v -> integer("osVolumeGiB", v)).orElse(d.osVolumeGiB()),
                optional(node, "rootDeviceName").orElse(d.rootDeviceName()));
        Optional<String> cluster = optional(node, "clusterName");
        cluster.ifPresent(c -> {
            if (!CLUSTER_NAME.matcher(c).matches()) {
                throw new IllegalArgumentException("context clusterName: got '" + c
                        + "', expected 1 to 40 letters, digits or dashes, starting with a letter");
            }
        });
        return new AppInputs(
                path(node, "partitions", "../examples/partitions.json"),
                path(node, "config", "../examples/config.json"),
                cluster,
                path(node, "lambdaJar", "../functions/target/functions-lambda.jar"),
                path(node, "stateMachineDir", "../state-machines/src/main/asl"),
                path(node, "bootstrapDir", "../slurm-shims/src/main/resources/bootstrap"),
                path(node, "layerStagingDir", "target/config-layer"),
                options);
    }

    private static Optional<String> optional(Node node, String key) {
        Object v = node.tryGetContext(key);
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString().trim());
    }

    private static Path path(Node node, String key, String fallback) {
        return Path.of(optional(node, key).orElse(fallback));
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("context tableDeletionProtection: got '" + v
                    + "', expected true or false");
        };
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + ": got '" + v + "', expected an integer", e);
        }
    }
}
