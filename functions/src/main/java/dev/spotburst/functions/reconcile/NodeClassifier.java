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
        boolean instanceLive = instance.isPresent() && !instance.get().gone();
        Duration inState = Duration.between(rec.stateSince(), now);
        switch (rec.state()) {
            case LAUNCHED, READY -> {
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
                if (instance.get().nodeTag() == null) {
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
                if (s.has("POWERING_UP") && inState.compareTo(p.resumeTimeout()) > 0) {
                    return NodeStatus.SLURM_STUCK;
                }
                if (s.has("NOT_RESPONDING") && !s.has("POWERED_DOWN") && !s.has("POWERING_UP")
                        && !s.has("POWERING_DOWN")) {
                    return NodeStatus.SLURM_STUCK;
                }
                return NodeStatus.UNCHANGED;
            }
            case HIBERNATING, HIBERNATED, INTERRUPTED, SUSPENDING -> {
                return NodeStatus.UNCHANGED; // owned by the EC2-event and suspend paths
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
