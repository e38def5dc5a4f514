package dev.spotburst.functions.ec2events;

import dev.spotburst.config.NodeGroupExtensions.RebalanceAction;
import dev.spotburst.functions.hibernation.HibernationDecision;
import dev.spotburst.functions.hibernation.HibernationStep;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.NodeState;

import java.util.Optional;
import java.util.Set;

/**
 * Decides what an EC2 event means for the node that owns the instance. Pure. Duplicates are harmless because every
 * action starts from an expected state; reordering is harmless because state-change events older than the newest one
 * applied ({@link NodeRecord#ec2EventAt()}) are dropped, and the rest only move the lifecycle forward.
 */
public final class Ec2EventDecision {
    private static final Set<NodeState> UP = Set.of(NodeState.LAUNCHED, NodeState.READY);
    private static final Set<String> GONE = Set.of("shutting-down", "terminated");
    private static final Set<String> STOPPING = Set.of("stopping", "stopped");

    /** The owning group's settings that matter here. */
    public record GroupPolicy(InterruptionBehavior behaviour, RebalanceAction rebalance) {
        public static final GroupPolicy TERMINATE = new GroupPolicy(InterruptionBehavior.TERMINATE, RebalanceAction.DRAIN);
    }

    private Ec2EventDecision() {
    }

    public static Ec2EventAction decide(Ec2Event e, Optional<NodeRecord> owner, GroupPolicy group) {
        if (owner.isEmpty()) {
            return new Ec2EventAction.Ignore("instance " + e.instanceId() + " is bound to no node (the orphan sweep owns it)");
        }
        var rec = owner.get();
        return switch (e.detailType()) {
            case Ec2Event.INTERRUPTION_WARNING -> warning(e, rec, group);
            case Ec2Event.REBALANCE -> UP.contains(rec.state())
                    ? new Ec2EventAction.Rebalance(rec, "spotburst: rebalance recommendation (" + e.instanceId() + ")",
                    group.rebalance() == RebalanceAction.DRAIN_AND_REPLACE)
                    : new Ec2EventAction.Ignore(rec.node() + " is " + rec.state());
            case Ec2Event.STATE_CHANGE -> stateChange(e, rec, group);
            default -> new Ec2EventAction.Ignore("detail-type '" + e.detailType() + "' is not handled");
        };
    }

    private static Ec2EventAction warning(Ec2Event e, NodeRecord rec, GroupPolicy group) {
        if (!UP.contains(rec.state())) {
            return new Ec2EventAction.Ignore(rec.node() + " is " + rec.state());
        }
        if (rec.ec2EventAt() != null && e.time() != null && !e.time().isAfter(rec.ec2EventAt())) {
            // A redelivered warning of a hibernation the node has already come back from.
            return new Ec2EventAction.Ignore("warning for " + e.instanceId() + " at " + e.time()
                    + " is not newer than " + rec.ec2EventAt());
        }
        String action = e.instanceAction() != null ? e.instanceAction() : group.behaviour().wire();
        if ("hibernate".equals(action)) {
            // EC2 starts hibernating at once (no two-minute lead): the job stays allocated in Slurm meanwhile.
            // LAUNCHED too: slurmd registers and Slurm starts the job before the control plane's next look at
            // Slurm marks the node READY, so "not READY yet" does not mean "no job yet".
            return new Ec2EventAction.Hibernation(rec, HibernationStep.BEGIN, "stopping", e.time());
        }
        // terminate, or stop: a stopped instance restarts without the job's memory, so requeue now either way.
        return new Ec2EventAction.Interrupt(rec, "spotburst: spot interruption (" + e.instanceId() + ")", e.time());
    }

    private static Ec2EventAction stateChange(Ec2Event e, NodeRecord rec, GroupPolicy group) {
        String state = String.valueOf(e.state());
        if (rec.isStaleEvent(e.time())) {
            return new Ec2EventAction.Ignore("state " + state + " of " + e.instanceId() + " at " + e.time()
                    + " is older than " + rec.ec2EventAt());
        }
        boolean hibernating = HibernationDecision.hibernating(rec.state());
        boolean hibernateGroup = group.behaviour() == InterruptionBehavior.HIBERNATE;
        if (hibernating || (hibernateGroup && UP.contains(rec.state()) && STOPPING.contains(state))) {
            if (!hibernating && rec.ec2EventAt() != null && e.time() != null && !e.time().isAfter(rec.ec2EventAt())) {
                // Same second as the return that made the node READY: the tail of that earlier hibernation.
                return new Ec2EventAction.Ignore("state " + state + " of " + e.instanceId() + " is not newer than the return");
            }
            var step = HibernationDecision.decide(rec, state, true, "running".equals(state));
            return step == HibernationStep.NONE
                    ? new Ec2EventAction.Ignore(rec.node() + " is " + rec.state() + ", instance " + state)
                    : new Ec2EventAction.Hibernation(rec, step, state, e.time());
        }
        if (rec.state() == NodeState.INTERRUPTED && GONE.contains(state)) {
            return new Ec2EventAction.InterruptionEnded(rec, e.time());
        }
        if (UP.contains(rec.state()) && GONE.contains(state)) {
            return new Ec2EventAction.ReconcileGroup(rec.node().group());
        }
        if (rec.state() == NodeState.LAUNCHED && "running".equals(state)) {
            return new Ec2EventAction.InstanceRunning(rec);
        }
        return new Ec2EventAction.Ignore("state " + state + " of " + e.instanceId() + " (" + rec.node() + " is "
                + rec.state() + ")");
    }
}
