package dev.spotburst.functions.hibernation;

import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.NodeState;

import java.util.Set;

/**
 * The hibernation lifecycle as a pure function of the record and what EC2 says now (from a state-change event, a
 * DescribeInstances in the workflow, or the reconciler's inventory). The same rules for all three callers, so a
 * missed or reordered event is corrected by the next observation.
 */
public final class HibernationDecision {
    private static final Set<String> GONE = Set.of("shutting-down", "terminated");
    private static final Set<String> STOPPING = Set.of("stopping", "stopped");

    private HibernationDecision() {
    }

    /**
     * @param instanceState EC2 state of the bound instance ({@code null}: EC2 does not know it, i.e. gone)
     * @param requestLive   whether the node's persistent Spot request can still restart it ({@code true} when the
     *                      caller did not look)
     * @param restarted     the instance was started after the hibernation began (a {@code running} state-change
     *                      event, or a LaunchTime later than the record's stateSince): tells a return from the
     *                      notice period, during which a HIBERNATING instance is still running
     */
    public static HibernationStep decide(NodeRecord rec, String instanceState, boolean requestLive, boolean restarted) {
        boolean gone = instanceState == null || GONE.contains(instanceState);
        return switch (rec.state()) {
            // LAUNCHED as READY: a job may already run there (Slurm starts it at registration, before we mark READY).
            case READY, LAUNCHED -> !gone && STOPPING.contains(instanceState) ? HibernationStep.BEGIN : HibernationStep.NONE;
            case HIBERNATING -> {
                if (gone || !requestLive) {
                    yield HibernationStep.LOST;
                }
                if ("running".equals(instanceState) && restarted) {
                    yield HibernationStep.RETURNED; // the stopped event was missed or overtaken
                }
                // Still running and not restarted is the notice period (hibernateNotice > 0), not a return.
                yield "stopped".equals(instanceState) ? HibernationStep.STOPPED : HibernationStep.NONE;
            }
            case HIBERNATED -> {
                if (gone) {
                    yield HibernationStep.LOST;
                }
                if ("running".equals(instanceState)) {
                    yield HibernationStep.RETURNED;
                }
                // A cancelled or closed request never restarts the instance: nothing will ever run the job again.
                yield requestLive ? HibernationStep.NONE : HibernationStep.LOST;
            }
            case POWERED_DOWN, RESUMING, INTERRUPTED, SUSPENDING, FAILED -> HibernationStep.NONE;
        };
    }

    /** States of a node in the middle of a hibernation. */
    public static boolean hibernating(NodeState s) {
        return s == NodeState.HIBERNATING || s == NodeState.HIBERNATED;
    }
}
