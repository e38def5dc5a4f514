package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Classifies one node from its record, its instance, a replacement candidate and Slurm's view. Pure; the first
 * matching rule wins, so every node gets exactly one status.
 */
final class NodeClassifier {

    /** Inputs that do not depend on the node. */
    record Policy(Duration resumeTimeout, Duration orphanGrace, Duration relaunchAfter, Duration failedHold,
                  boolean slurmFresh) {
    }

    private NodeClassifier() {
    }

    static NodeStatus classify(NodeRecord rec, Optional<InstanceView> instance, Optional<InstanceView> replacement,
                               Optional<SlurmSnapshot.Node> slurm, boolean alwaysOn, Policy p, Instant now) {
        return classify(rec, instance, replacement, slurm, alwaysOn, false, true, p, now);
    }

    /**
     * @param hibernateGroup the node's group hibernates (a stopped instance there is a hibernation, not a loss)
     * @param requestLive    the node's persistent Spot request can still restart it ({@code true} if unknown)
     */
    static NodeStatus classify(NodeRecord rec, Optional<InstanceView> instance, Optional<InstanceView> replacement,
                               Optional<SlurmSnapshot.Node> slurm, boolean alwaysOn, boolean hibernateGroup,
                               boolean requestLive, Policy p, Instant now) {
        return classify(rec, instance, replacement, slurm, alwaysOn, hibernateGroup, requestLive, true, p, now);
    }

    /**
     * @param nodeTagExpected the node's instance is meant to carry {@code spotburst:node}
     *                        ({@code LaunchTags.nodeTagExpected}); if not, a missing one is no fault: the binding is
     *                        in DynamoDB, and tagging would cost the per-instance call {@code NodeNameTags=launch}
     *                        saves
     */
    static NodeStatus classify(NodeRecord rec, Optional<InstanceView> instance, Optional<InstanceView> replacement,
                               Optional<SlurmSnapshot.Node> slurm, boolean alwaysOn, boolean hibernateGroup,
                               boolean requestLive, boolean nodeTagExpected, Policy p, Instant now) {
        boolean instanceLive = instance.isPresent() && !instance.get().gone();
        Duration inState = Duration.between(rec.stateSince(), now);
        switch (rec.state()) {
            case LAUNCHED, READY -> {
                // LAUNCHED too: the job may already run there (see HibernationDecision).
                if (hibernateGroup && instanceLive && instance.get().stoppedOrStopping()) {
                    return NodeStatus.HIBERNATION_CHANGED;
                }
                if (!instanceLive) {
                    if (replacement.isPresent()) {
                        return NodeStatus.INSTANCE_REPLACED;
                    }
                    // DescribeInstances by tag lags a fresh launch: give it the orphan grace first.
                    return inState.compareTo(p.orphanGrace()) > 0 || instance.isPresent()
                            ? NodeStatus.INSTANCE_LOST : NodeStatus.UNCHANGED;
                }
                if (rec.state() == dev.spotburst.model.NodeState.LAUNCHED && p.slurmFresh()) {
                    if (slurm.isPresent() && registered(slurm.get())) {
                        return NodeStatus.REGISTERED;
                    }
                    if (inState.compareTo(p.resumeTimeout()) > 0) {
                        return NodeStatus.LAUNCH_TIMED_OUT;
                    }
                }
                var ip = instance.get().privateIp();
                if (ip != null && !ip.equals(rec.privateIp())) {
                    return NodeStatus.ADDRESS_CHANGED;
                }
                if (nodeTagExpected && instance.get().nodeTag() == null) {
                    return NodeStatus.MISSING_NODE_TAG;
                }
                return NodeStatus.UNCHANGED;
            }
            case RESUMING -> {
                if (rec.hasInstance() || rec.spotRequestId() != null) {
                    return NodeStatus.UNCHANGED;
                }
                if (inState.compareTo(p.resumeTimeout()) > 0) {
                    return NodeStatus.LAUNCH_TIMED_OUT;
                }
                return inState.compareTo(p.relaunchAfter()) > 0 ? NodeStatus.WANT_LAUNCH : NodeStatus.UNCHANGED;
            }
            case POWERED_DOWN, FAILED -> {
                boolean held = rec.state() == dev.spotburst.model.NodeState.FAILED && inState.compareTo(p.failedHold()) < 0;
                if (alwaysOn && !held) {
                    return NodeStatus.WANT_LAUNCH;
                }
                if (!p.slurmFresh() || slurm.isEmpty() || instanceLive) {
                    return NodeStatus.UNCHANGED;
                }
                var s = slurm.get();
                if (isDown(s) && s.has("POWERED_DOWN")) {
                    // Our own NodeDown after a capacity failure is held a while, or Slurm would retry at once.
                    return held ? NodeStatus.UNCHANGED : NodeStatus.SLURM_DOWN_POWERED_OFF;
                }
                if (s.has("POWERING_UP")) {
                    // Slurm asked for it and the request is still on its way (our record changes when it is taken
                    // off the queue). The record's stateSince — EPOCH if never written, else the last power-down —
                    // says nothing about how long Slurm has been powering it up, so nothing is timed out here:
                    // at ResumeTimeout Slurm turns it down~ itself, which SLURM_DOWN_POWERED_OFF repairs.
                    return NodeStatus.UNCHANGED;
                }
                if (s.has("NOT_RESPONDING") && !s.has("POWERED_DOWN") && !s.has("POWERING_UP")
                        && !s.has("POWERING_DOWN")) {
                    return NodeStatus.SLURM_STUCK;
                }
                if (rec.state() == dev.spotburst.model.NodeState.POWERED_DOWN && s.has("POWERED_DOWN")
                        && (s.has("DRAIN") || s.state().toUpperCase(java.util.Locale.ROOT).startsWith("DRAIN"))
                        && s.reason() != null && s.reason().startsWith("spotburst:")) {
                    return NodeStatus.SLURM_DRAINED_POWERED_OFF;
                }
                return NodeStatus.UNCHANGED;
            }
            case HIBERNATING, HIBERNATED -> {
                if (instance.isEmpty() && inState.compareTo(p.orphanGrace()) <= 0) {
                    return NodeStatus.UNCHANGED; // the inventory lags; give it the grace before calling it lost
                }
                var step = dev.spotburst.functions.hibernation.HibernationService.decide(rec, instance, requestLive);
                return step == dev.spotburst.functions.hibernation.HibernationStep.NONE
                        ? NodeStatus.UNCHANGED : NodeStatus.HIBERNATION_CHANGED;
            }
            case INTERRUPTED -> {
                // Normally ended by the terminated event or Slurm's suspend; this is the backstop if both were lost.
                return !instanceLive && inState.compareTo(p.orphanGrace()) > 0 || inState.compareTo(p.orphanGrace().multipliedBy(2)) > 0
                        ? NodeStatus.INTERRUPTION_OVER : NodeStatus.UNCHANGED;
            }
            case SUSPENDING -> {
                return NodeStatus.UNCHANGED; // owned by the suspend path
            }
        }
        throw new IllegalStateException("unreachable: " + rec.state());
    }

    /** slurmd has registered: powered up, responding, not down. */
    static boolean registered(SlurmSnapshot.Node s) {
        return !isDown(s) && !s.has("POWERED_DOWN") && !s.has("POWERING_UP") && !s.has("NOT_RESPONDING")
                && !s.has("POWERING_DOWN");
    }

    static boolean isDown(SlurmSnapshot.Node s) {
        return "DOWN".equalsIgnoreCase(s.state());
    }
}
