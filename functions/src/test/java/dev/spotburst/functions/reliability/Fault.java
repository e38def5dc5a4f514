package dev.spotburst.functions.reliability;

/**
 * One injected crash: the {@code skip + 1}-th call of {@code operation} on {@code target} after the fault is armed
 * fails. {@link Phase#BEFORE}: the call never reaches the service (a request lost on the way, or the Lambda dying
 * just before it). {@link Phase#AFTER}: the service applies the call, then the caller sees an exception (a response
 * lost on the way back, or the Lambda dying right after the call). One-shot.
 */
public record Fault(Target target, String operation, Phase phase, int skip) {

    public enum Target { EC2, STORE, SLURM }

    public enum Phase { BEFORE, AFTER }

    /** EC2 API actions worth crashing around (what the control plane writes, and the reads it acts on). */
    static final java.util.List<String> EC2_OPERATIONS = java.util.List.of("CreateFleet", "RunInstances", "CreateTags",
            "TerminateInstances", "CancelSpotInstanceRequests", "DescribeInstances");

    /** StateStore methods worth crashing around: the writes, and the batched reads at the start of a batch. */
    static final java.util.List<String> STORE_OPERATIONS = java.util.List.of("transition", "transitionAll",
            "markRequestsProcessed",
            "recordBoundLaunches", "closeLaunch", "updateGroup", "nodeRecords", "processedRequests");

    @Override
    public String toString() {
        return "crash " + phase.name().toLowerCase(java.util.Locale.ROOT) + " " + target.name().toLowerCase(java.util.Locale.ROOT)
                + "." + operation + (skip == 0 ? "" : " (call #" + (skip + 1) + ")");
    }
}
