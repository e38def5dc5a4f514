package dev.spotburst.config;

import java.util.Map;

/**
 * spotburst's cluster-wide settings in {@code config.json} under {@code "Spotburst"}; all optional.
 *
 * @param clusterName             tag value {@code spotburst:cluster} on everything launched; names the stack
 * @param orphanGraceSeconds      an instance no node owns is terminated only after this long (launch races)
 * @param protectAfterBootFailures node group goes protected (no launches) after this many boot failures in a row
 * @param reconcileIntervalSeconds how often the scheduled reconcile runs
 * @param subnetAvailabilityZones {@code SubnetAvailabilityZones}: subnet id to AZ name, for offline checks
 *                                (one subnet per AZ in a group) and AZ features in slurm.conf; may be empty
 * @param nodeNameTags            {@code NodeNameTags}: per-node tags only where the launch carries them (default),
 *                                or also CreateTags on every fleet instance
 */
public record ClusterExtensions(
        String clusterName,
        int orphanGraceSeconds,
        int protectAfterBootFailures,
        int reconcileIntervalSeconds,
        Map<String, String> subnetAvailabilityZones,
        NodeNameTags nodeNameTags) {

    public static final ClusterExtensions DEFAULTS = new ClusterExtensions("spotburst", 300, 10, 60);

    public ClusterExtensions {
        subnetAvailabilityZones = subnetAvailabilityZones == null ? Map.of() : Map.copyOf(subnetAvailabilityZones);
        nodeNameTags = nodeNameTags == null ? NodeNameTags.LAUNCH : nodeNameTags;
    }

    /** The five-field form (default {@link NodeNameTags#LAUNCH}), kept so existing callers compile. */
    public ClusterExtensions(String clusterName, int orphanGraceSeconds, int protectAfterBootFailures,
            int reconcileIntervalSeconds, Map<String, String> subnetAvailabilityZones) {
        this(clusterName, orphanGraceSeconds, protectAfterBootFailures, reconcileIntervalSeconds,
                subnetAvailabilityZones, NodeNameTags.LAUNCH);
    }

    /** The original four-field form (no subnet zones), kept so existing callers compile. */
    public ClusterExtensions(String clusterName, int orphanGraceSeconds, int protectAfterBootFailures,
            int reconcileIntervalSeconds) {
        this(clusterName, orphanGraceSeconds, protectAfterBootFailures, reconcileIntervalSeconds, Map.of());
    }

    /** The same settings for another cluster name (e.g. a stack name given on the command line). */
    public ClusterExtensions withClusterName(String name) {
        return new ClusterExtensions(name, orphanGraceSeconds, protectAfterBootFailures, reconcileIntervalSeconds,
                subnetAvailabilityZones, nodeNameTags);
    }

    /** A copy with another {@code NodeNameTags} (tests and benchmarks compare the two modes). */
    public ClusterExtensions withNodeNameTags(NodeNameTags mode) {
        return new ClusterExtensions(clusterName, orphanGraceSeconds, protectAfterBootFailures,
                reconcileIntervalSeconds, subnetAvailabilityZones, mode);
    }

    public SubnetDirectory subnetDirectory() {
        return SubnetDirectory.of(subnetAvailabilityZones);
    }
}
