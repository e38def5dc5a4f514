package dev.spotburst.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a node as the control plane sees it (DynamoDB is the source of truth; Slurm's own state is
 * reported separately in snapshots). Every transition is a conditional write from one of {@link #from()}.
 *
 * <pre>
 * POWERED_DOWN -> RESUMING -> LAUNCHED -> READY -> (HIBERNATING -> HIBERNATED -> READY) | INTERRUPTED
 *              -> SUSPENDING -> POWERED_DOWN;  FAILED from any launching state, reported to Slurm with a reason.
 * </pre>
 */
public enum NodeState {
    /** No instance; Slurm shows {@code idle~}. */
    POWERED_DOWN,
    /** Slurm asked for the node; no instance bound yet. */
    RESUMING,
    /** An instance (or persistent Spot request) is bound; waiting for slurmd to register. */
    LAUNCHED,
    /** Instance running and registered with Slurm. */
    READY,
    /** Spot interruption with hibernate behaviour in progress; the job must be kept alive. */
    HIBERNATING,
    /** Instance stopped (hibernated); the persistent request will restart the same instance. */
    HIBERNATED,
    /** Spot interruption warning received for a terminate-behaviour node; jobs are being requeued. */
    INTERRUPTED,
    /** Slurm powered the node down (or gave up); cancelling requests and terminating. */
    SUSPENDING,
    /** Launch failed; Slurm has been (or will be) told DOWN with the reason. Cleared by the next suspend. */
    FAILED;

    /** States in which an instance may exist for this node and must be reclaimed on suspend. */
    public boolean mayOwnInstance() {
        return this != POWERED_DOWN;
    }

    /** States that a resume request may legitimately start from. */
    public static final Set<NodeState> RESUMABLE = EnumSet.of(POWERED_DOWN, FAILED);

    /** States in which the node counts as wanted (capacity should exist for it). */
    public boolean wanted() {
        return switch (this) {
            case RESUMING, LAUNCHED, READY, HIBERNATING, HIBERNATED -> true;
            case POWERED_DOWN, INTERRUPTED, SUSPENDING, FAILED -> false;
        };
    }
}
