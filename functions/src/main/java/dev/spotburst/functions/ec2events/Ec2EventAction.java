package dev.spotburst.functions.ec2events;

import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.NodeGroupId;

/** What an EC2 event makes the control plane do. Performed by {@link Ec2EventService}. */
public sealed interface Ec2EventAction {

    /** Not ours, not bound, or nothing to do; {@code why} is logged. */
    record Ignore(String why) implements Ec2EventAction {
    }

    /**
     * Two-minute warning on a terminate-behaviour node: INTERRUPTED, and POWER_DOWN_FORCE so Slurm requeues the jobs
     * now (not when the node stops responding) and calls SuspendProgram, which reclaims what is left.
     */
    record Interrupt(NodeRecord node, String reason) implements Ec2EventAction {
    }

    /** Rebalance recommendation: drain, so no new job starts on capacity at elevated risk. */
    record Drain(NodeRecord node, String reason) implements Ec2EventAction {
    }

    /** The instance changed state under a bound node: let the reconciler re-decide that group now. */
    record ReconcileGroup(NodeGroupId group) implements Ec2EventAction {
    }
}
