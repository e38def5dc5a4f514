package dev.spotburst.functions.state;

import dev.spotburst.model.NodeGroupId;

import java.util.Map;
import java.util.TreeMap;

/** Names of the per-group counters the control plane keeps in the state store (read by the demo and operators). */
public final class Counters {
    /** Spot interruption warnings received for our nodes, whatever the behaviour. */
    public static final String INTERRUPTIONS = "interruptions";
    /** Interruptions on terminate-behaviour nodes: the node was powered down and its jobs requeued. */
    public static final String INTERRUPTIONS_REQUEUED = "interruptionsRequeued";
    /** Hibernations begun (READY → HIBERNATING). */
    public static final String HIBERNATIONS = "hibernations";
    /** Hibernations that ended with the same instance running again (HIBERNATED → READY). */
    public static final String HIBERNATIONS_SURVIVED = "hibernationsSurvived";
    /** Hibernations that ended with the instance gone (terminated, request cancelled, stop timed out): jobs requeued. */
    public static final String HIBERNATIONS_LOST = "hibernationsLost";
    /** Rebalance recommendations acted on (drain, or drain and replace). */
    public static final String REBALANCES = "rebalanceRecommendations";
    /** Spare nodes powered up through Slurm by {@code drain-and-replace} (idle until SuspendTime if never used). */
    public static final String SPARES_POWERED_UP = "sparesPoweredUp";

    private Counters() {
    }

    /** One counter summed over every group. */
    public static long total(Map<NodeGroupId, Map<String, Long>> counters, String name) {
        return counters.values().stream().mapToLong(m -> m.getOrDefault(name, 0L)).sum();
    }

    /** Counter name → sum over every group, sorted by name. */
    public static Map<String, Long> totals(Map<NodeGroupId, Map<String, Long>> counters) {
        var out = new TreeMap<String, Long>();
        counters.values().forEach(m -> m.forEach((k, v) -> out.merge(k, v, Long::sum)));
        return out;
    }
}
