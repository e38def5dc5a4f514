package dev.spotburst.config;

/**
 * spotburst's cluster-wide settings in {@code config.json} under {@code "Spotburst"}; all optional.
 *
 * @param clusterName             tag value {@code spotburst:cluster} on everything launched; names the stack
 * @param orphanGraceSeconds      an instance no node owns is terminated only after this long (launch races)
 * @param protectAfterBootFailures node group goes protected (no launches) after this many boot failures in a row
 * @param reconcileIntervalSeconds how often the scheduled reconcile runs
 */
public record ClusterExtensions(
        String clusterName,
        int orphanGraceSeconds,
        int protectAfterBootFailures,
        int reconcileIntervalSeconds) {

    public static final ClusterExtensions DEFAULTS = new ClusterExtensions("spotburst", 300, 10, 60);
}
