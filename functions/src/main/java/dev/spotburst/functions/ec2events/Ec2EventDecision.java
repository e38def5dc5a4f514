package dev.spotburst.functions.ec2events;

import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.NodeState;

import java.util.Optional;
import java.util.Set;

/** Decides what an EC2 event means for the node that owns the instance. Pure. */
public final class Ec2EventDecision {
    private static final Set<NodeState> RUNNING_JOBS = Set.of(NodeState.LAUNCHED, NodeState.READY);

    private Ec2EventDecision() {
    }

    public static Ec2EventAction decide(Ec2Event e, Optional<NodeRecord> owner, InterruptionBehavior groupBehaviour) {
        if (owner.isEmpty()) {
            return new Ec2EventAction.Ignore("instance " + e.instanceId() + " is bound to no node (the orphan sweep owns it)");
        }
        var rec = owner.get();
        return switch (e.detailType()) {
            case Ec2Event.INTERRUPTION_WARNING -> {
                if (!RUNNING_JOBS.contains(rec.state())) {
                    yield new Ec2EventAction.Ignore(rec.node() + " is " + rec.state());
                }
                boolean keeps = "hibernate".equals(e.instanceAction()) || "stop".equals(e.instanceAction())
                        || (e.instanceAction() == null && groupBehaviour.keepsInstance());
                if (keeps) {
                    // The instance (and the job's memory) survives; the persistent request restarts it.
                    yield new Ec2EventAction.Ignore(rec.node() + " will " + e.instanceAction() + "; kept for restart");
                }
                yield new Ec2EventAction.Interrupt(rec, "spotburst: Spot interruption notice (" + e.instanceId() + ")");
            }
            case Ec2Event.REBALANCE -> RUNNING_JOBS.contains(rec.state())
                    ? new Ec2EventAction.Drain(rec, "spotburst: Spot rebalance recommendation (" + e.instanceId() + ")")
                    : new Ec2EventAction.Ignore(rec.node() + " is " + rec.state());
            case Ec2Event.STATE_CHANGE -> switch (String.valueOf(e.state())) {
                case "shutting-down", "terminated", "running" -> new Ec2EventAction.ReconcileGroup(rec.node().group());
                default -> new Ec2EventAction.Ignore("state " + e.state() + " of " + e.instanceId());
            };
            default -> new Ec2EventAction.Ignore("detail-type '" + e.detailType() + "' is not handled");
        };
    }
}
