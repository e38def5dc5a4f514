package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.util.List;

/** What the reconciler does; one kind per {@link NodeStatus}, plus the orphan sweep. Performed by {@link ReconcileExecutor}. */
public sealed interface ReconcileAction {

    record Launch(NodeGroupId group, List<NodeName> nodes) implements ReconcileAction {
    }

    record MarkReady(NodeRecord node) implements ReconcileAction {
    }

    record FailLaunch(NodeRecord node, String reason) implements ReconcileAction {
    }

    record MarkLost(NodeRecord node, String reason) implements ReconcileAction {
    }

    record Rebind(NodeRecord node, InstanceView instance) implements ReconcileAction {
    }

    record RepairSlurm(NodeRecord node, SlurmCommand command) implements ReconcileAction {
    }

    record TagInstance(NodeRecord node) implements ReconcileAction {
    }

    /** Re-observe a hibernating node's instance and perform the step (the events missed it). */
    record ObserveHibernation(NodeRecord node) implements ReconcileAction {
    }

    /** An INTERRUPTED node whose instance is gone (or overdue): reclaim what is left and mark POWERED_DOWN. */
    record FinishInterruption(NodeRecord node) implements ReconcileAction {
    }

    /**
     * A FAILED node whose command to Slurm was never confirmed sent ({@link NodeRecord#slurmOwed}): reclaim again
     * (idempotent), re-send with the original id, then clear the debt.
     */
    record NotifySlurm(NodeRecord node) implements ReconcileAction {
    }

    /** A node holds an instance that has no launch record (the write after binding was lost): create it. */
    record RecordLaunch(dev.spotburst.functions.state.LaunchRecord launch, boolean gone) implements ReconcileAction {
    }

    /** A launch record still open while its instance is gone (the close after power-down was lost): close it. */
    record CloseLaunch(String instanceId) implements ReconcileAction {
    }

    /** Instances and Spot requests no node owns, older than the orphan grace period. */
    record Sweep(List<String> instanceIds, List<String> spotRequestIds) implements ReconcileAction {
    }
}
