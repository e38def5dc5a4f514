package dev.spotburst.functions.ec2events;

import dev.spotburst.functions.hibernation.HibernationStep;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.NodeGroupId;

import java.time.Instant;

/** What an EC2 event makes the control plane do. Performed by {@link Ec2EventService}. */
public sealed interface Ec2EventAction {

    /** Not ours, not bound, stale, or nothing to do; {@code why} is logged. */
    record Ignore(String why) implements Ec2EventAction {
    }

    /**
     * Interruption warning on a node whose instance will not keep the job's memory (terminate, or stop): INTERRUPTED,
     * and POWER_DOWN_FORCE so Slurm requeues its jobs now, inside the two minutes, and calls SuspendProgram, which
     * terminates what is left (docs/hibernation.md, "Terminate behaviour").
     */
    record Interrupt(NodeRecord node, String reason, Instant eventAt) implements Ec2EventAction {
    }

    /**
     * Rebalance recommendation: never kills a job. {@code replace} = POWER_DOWN_ASAP (drain now, give the instance
     * back as soon as its jobs end) and POWER_UP of one spare node of the group ({@link SpareChoice}), so a
     * replacement registers before the interruption comes; otherwise a plain drain.
     */
    record Rebalance(NodeRecord node, String reason, boolean replace) implements Ec2EventAction {
    }

    /** A step of the hibernation lifecycle (hibernate behaviour only). */
    record Hibernation(NodeRecord node, HibernationStep step, String instanceState, Instant eventAt)
            implements Ec2EventAction {
    }

    /** The instance of an INTERRUPTED node is gone: POWERED_DOWN (nothing is relaunched for it until Slurm asks). */
    record InterruptionEnded(NodeRecord node, Instant eventAt) implements Ec2EventAction {
    }

    /**
     * The instance of a LAUNCHED node is running: learn its address now (one DescribeInstances of that instance)
     * rather than on the next pass. Only this node: reconciling its whole group per event listed every instance of
     * the cluster once per instance of a burst.
     */
    record InstanceRunning(NodeRecord node) implements Ec2EventAction {
    }

    /** The instance of an up node is gone: let the reconciler re-decide that group now (lost, or replaced). */
    record ReconcileGroup(NodeGroupId group) implements Ec2EventAction {
    }
}
