package dev.spotburst.functions.state;

import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;

import java.time.Instant;
import java.util.Objects;

/**
 * What the control plane knows about one Slurm node. Immutable; every change produces a new record with
 * {@code version + 1}, and the store writes it only if the stored record still has the old state and version.
 * A node never written yet is {@link #initial} (version 0, POWERED_DOWN).
 *
 * @param lastRequestAt {@code issuedAt} of the newest power-save request applied; older requests are stale
 */
public record NodeRecord(
        NodeName node,
        NodeState state,
        long version,
        String instanceId,
        String spotRequestId,
        Market market,
        String instanceType,
        String availabilityZone,
        String privateIp,
        String reason,
        Instant stateSince,
        Instant lastRequestAt) {

    public NodeRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateSince, "stateSince");
    }

    public static NodeRecord initial(NodeName node) {
        return new NodeRecord(node, NodeState.POWERED_DOWN, 0, null, null, null, null, null, null, null,
                Instant.EPOCH, null);
    }

    public boolean stored() {
        return version > 0;
    }

    public boolean hasInstance() {
        return instanceId != null;
    }

    /** True when a request issued at {@code issuedAt} is older than one already applied (reordered delivery). */
    public boolean isStale(Instant issuedAt) {
        return lastRequestAt != null && issuedAt.isBefore(lastRequestAt);
    }

    private NodeRecord next(NodeState s, Instant now) {
        return new NodeRecord(node, s, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, reason, now, lastRequestAt);
    }

    public NodeRecord resuming(Instant now, Instant issuedAt) {
        var r = next(NodeState.RESUMING, now);
        return new NodeRecord(node, r.state, r.version, null, null, null, null, null, null, null, now,
                latest(issuedAt));
    }

    public NodeRecord launched(InstanceBinding b, Instant now) {
        return new NodeRecord(node, NodeState.LAUNCHED, version + 1, b.instanceId(), b.spotRequestId(), b.market(),
                b.instanceType(), b.availabilityZone(), b.privateIp(), null, now, lastRequestAt);
    }

    /** Same state, new instance facts (replaced instance, new address); stateSince is kept. */
    public NodeRecord rebound(InstanceBinding b) {
        return new NodeRecord(node, state, version + 1, b.instanceId(), b.spotRequestId(), b.market(),
                b.instanceType(), b.availabilityZone(), b.privateIp(), reason, stateSince, lastRequestAt);
    }

    public NodeRecord ready(Instant now) {
        return next(NodeState.READY, now);
    }

    public NodeRecord failed(String why, Instant now) {
        var r = next(NodeState.FAILED, now);
        return new NodeRecord(node, r.state, r.version, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, why, now, lastRequestAt);
    }

    public NodeRecord suspending(Instant now, Instant issuedAt) {
        var r = next(NodeState.SUSPENDING, now);
        return new NodeRecord(node, r.state, r.version, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, reason, now, latest(issuedAt));
    }

    /** Instance gone: forget it. The reason of a failure is kept for the operator until the next resume. */
    public NodeRecord poweredDown(Instant now) {
        return new NodeRecord(node, NodeState.POWERED_DOWN, version + 1, null, null, null, null, null, null, reason,
                now, lastRequestAt);
    }

    private Instant latest(Instant issuedAt) {
        if (issuedAt == null) {
            return lastRequestAt;
        }
        return lastRequestAt == null || issuedAt.isAfter(lastRequestAt) ? issuedAt : lastRequestAt;
    }
}
