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
 */
public record ClusterExtensions(
        String clusterName,
        int orphanGraceSeconds,
        int protectAfterBootFailures,
        int reconcileIntervalSeconds,
        Map<String, String> subnetAvailabilityZones) {

    public static final ClusterExtensions DEFAULTS = new ClusterExtensions("spotburst", 300, 10, 60);

    public ClusterExtensions {
        subnetAvailabilityZones = subnetAvailabilityZones == null ? Map.of() : Map.copyOf(subnetAvailabilityZones);
    }

    /** The original four-field form (no subnet zones), kept so existing callers compile. */
    public ClusterExtensions(String clusterName, int orphanGraceSeconds, int protectAfterBootFailures,
            int reconcileIntervalSeconds) {
        this(clusterName, orphanGraceSeconds, protectAfterBootFailures, reconcileIntervalSeconds, Map.of());
    }

    public SubnetDirectory subnetDirectory() {
        return SubnetDirectory.of(subnetAvailabilityZones);
    }
}
