package dev.spotburst.config;

/**
 * spotburst's optional per-node-group settings (node group key {@code "Spotburst"}); absent fields take these
 * defaults. Names mirror the JSON keys: {@code MinNodes}, {@code Weight}, {@code FallbackToOnDemand},
 * {@code FallbackAfterSeconds}, {@code MaxHibernationMinutes}, {@code RebalanceAction},
 * {@code CapacityCooldownSeconds}.
 *
 * @param minNodes             always-on nodes, kept running by the reconciler (indexes 0..minNodes-1)
 * @param weight               Slurm {@code Weight} for the group's nodes (lower is used first); null = not set
 * @param fallbackToOnDemand   fill nodes Spot cannot supply with On-Demand of the same types
 * @param fallbackAfterSeconds how long Spot may fail to deliver before falling back (the plugin users' 4 minutes)
 * @param maxHibernationMinutes after this long hibernated, rescue the node onto On-Demand (0 = never)
 * @param rebalanceAction       what a rebalance recommendation does: drain only, or drain and launch a replacement
 * @param capacityCooldownSeconds after a launch of the group fails for capacity, how long its powered-down nodes are
 *                             held DOWN in Slurm and its resumes fail without an EC2 call (ParallelCluster's
 *                             {@code insufficient_capacity_timeout}); 0 disables
 */
public record NodeGroupExtensions(
        int minNodes,
        Integer weight,
        boolean fallbackToOnDemand,
        int fallbackAfterSeconds,
        int maxHibernationMinutes,
        RebalanceAction rebalanceAction,
        int capacityCooldownSeconds) {

    /** ParallelCluster's {@code insufficient_capacity_timeout}. */
    public static final int DEFAULT_CAPACITY_COOLDOWN_SECONDS = 600;

    public static final NodeGroupExtensions DEFAULTS =
            new NodeGroupExtensions(0, null, false, 240, 0, RebalanceAction.DRAIN, DEFAULT_CAPACITY_COOLDOWN_SECONDS);

    /** The settings with the default capacity cooldown (callers written before it existed). */
    public NodeGroupExtensions(int minNodes, Integer weight, boolean fallbackToOnDemand, int fallbackAfterSeconds,
                               int maxHibernationMinutes, RebalanceAction rebalanceAction) {
        this(minNodes, weight, fallbackToOnDemand, fallbackAfterSeconds, maxHibernationMinutes, rebalanceAction,
                DEFAULT_CAPACITY_COOLDOWN_SECONDS);
    }

    /** The same settings with another capacity cooldown. */
    public NodeGroupExtensions withCapacityCooldownSeconds(int seconds) {
        return new NodeGroupExtensions(minNodes, weight, fallbackToOnDemand, fallbackAfterSeconds,
                maxHibernationMinutes, rebalanceAction, seconds);
    }

    public enum RebalanceAction {
        DRAIN("drain"),
        DRAIN_AND_REPLACE("drain-and-replace");

        private final String wire;

        RebalanceAction(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static RebalanceAction fromWire(String s) {
            for (var a : values()) {
                if (a.wire.equals(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("RebalanceAction must be 'drain' or 'drain-and-replace', got '" + s + "'");
        }
    }
}
