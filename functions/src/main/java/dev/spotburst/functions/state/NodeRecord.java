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
 * @param lastRequestAt {@code issuedAt} of the newest power-save request seen (also one that changed nothing);
 *                      older requests are stale
 * @param ec2EventAt    {@code time} of the newest EC2 state-change event applied; older ones are stale (EventBridge
 *                      does not promise order). Absent until an event changed the record.
 * @param slurmOwed     the command a FAILED node still owes Slurm (set with the FAILED write by the reconciler,
 *                      cleared once sent); null when nothing is owed. Kept by same-state changes, cleared by any other transition.
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
        Instant lastRequestAt,
        Instant ec2EventAt,
        SlurmNotice slurmOwed) {

    public NodeRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateSince, "stateSince");
    }

    /** The record owing Slurm nothing. */
    public NodeRecord(NodeName node, NodeState state, long version, String instanceId, String spotRequestId,
                      Market market, String instanceType, String availabilityZone, String privateIp, String reason,
                      Instant stateSince, Instant lastRequestAt, Instant ec2EventAt) {
        this(node, state, version, instanceId, spotRequestId, market, instanceType, availabilityZone, privateIp,
                reason, stateSince, lastRequestAt, ec2EventAt, null);
    }

    /** The record without EC2 event time (callers written before {@code ec2EventAt} existed). */
    public NodeRecord(NodeName node, NodeState state, long version, String instanceId, String spotRequestId,
                      Market market, String instanceType, String availabilityZone, String privateIp, String reason,
                      Instant stateSince, Instant lastRequestAt) {
        this(node, state, version, instanceId, spotRequestId, market, instanceType, availabilityZone, privateIp,
                reason, stateSince, lastRequestAt, null, null);
    }

    public static NodeRecord initial(NodeName node) {
        return new NodeRecord(node, NodeState.POWERED_DOWN, 0, null, null, null, null, null, null, null,
                Instant.EPOCH, null, null, null);
    }

    public boolean stored() {
        return version > 0;
    }

    public boolean hasInstance() {
        return instanceId != null;
    }

    /**
     * True when a request issued at {@code issuedAt} is older than one already applied (reordered delivery). A launch
     * without a request time (the control plane's own) is never stale.
     */
    public boolean isStale(Instant issuedAt) {
        return lastRequestAt != null && issuedAt != null && issuedAt.isBefore(lastRequestAt);
    }

    /** True when a request issued at {@code issuedAt} is newer than every one recorded so far. */
    public boolean isNewerRequest(Instant issuedAt) {
        return issuedAt != null && (lastRequestAt == null || issuedAt.isAfter(lastRequestAt));
    }

    /**
     * Same state, {@code lastRequestAt} raised to {@code issuedAt}: a request that needs no transition (suspend of a
     * node already powered down, resume of one already up) still makes older requests delivered after it stale.
     */
    public NodeRecord requestSeen(Instant issuedAt) {
        return new NodeRecord(node, state, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, reason, stateSince, latest(issuedAt), ec2EventAt, slurmOwed);
    }

    private NodeRecord next(NodeState s, Instant now) {
        return new NodeRecord(node, s, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, reason, now, lastRequestAt, ec2EventAt);
    }

    public NodeRecord resuming(Instant now, Instant issuedAt) {
        var r = next(NodeState.RESUMING, now);
        return new NodeRecord(node, r.state, r.version, null, null, null, null, null, null, null, now,
                latest(issuedAt), null);
    }

    public NodeRecord launched(InstanceBinding b, Instant now) {
        return new NodeRecord(node, NodeState.LAUNCHED, version + 1, b.instanceId(), b.spotRequestId(), b.market(),
                b.instanceType(), b.availabilityZone(), b.privateIp(), null, now, lastRequestAt, ec2EventAt);
    }

    /** Same state, new instance facts (replaced instance, new address); stateSince is kept. */
    public NodeRecord rebound(InstanceBinding b) {
        return new NodeRecord(node, state, version + 1, b.instanceId(), b.spotRequestId(), b.market(),
                b.instanceType(), b.availabilityZone(), b.privateIp(), reason, stateSince, lastRequestAt, ec2EventAt,
                slurmOwed);
    }

    public NodeRecord ready(Instant now) {
        return next(NodeState.READY, now);
    }

    public NodeRecord failed(String why, Instant now) {
        var r = next(NodeState.FAILED, now);
        return new NodeRecord(node, r.state, r.version, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, why, now, lastRequestAt, ec2EventAt);
    }

    /** FAILED, owing Slurm {@code notice} until {@link #slurmNotified} is written after the command was sent. */
    public NodeRecord failedOwing(String why, SlurmNotice notice, Instant now) {
        var f = failed(why, now);
        return new NodeRecord(node, f.state, f.version, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, why, now, lastRequestAt, ec2EventAt, notice);
    }

    /** Same state, the owed command sent. */
    public NodeRecord slurmNotified() {
        return new NodeRecord(node, state, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, reason, stateSince, lastRequestAt, ec2EventAt, null);
    }

    public NodeRecord suspending(Instant now, Instant issuedAt) {
        var r = next(NodeState.SUSPENDING, now);
        return new NodeRecord(node, r.state, r.version, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, reason, now, latest(issuedAt), ec2EventAt);
    }

    /** Instance gone: forget it. The reason of a failure is kept for the operator until the next resume. */
    public NodeRecord poweredDown(Instant now) {
        return new NodeRecord(node, NodeState.POWERED_DOWN, version + 1, null, null, null, null, null, null, reason,
                now, lastRequestAt, null);
    }

    /** Moves to {@code s} (a Spot interruption or hibernation step) with {@code why} as the reason. */
    public NodeRecord interruptionStep(NodeState s, String why, Instant now, Instant eventAt) {
        return new NodeRecord(node, s, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, why, now, lastRequestAt, latestEvent(eventAt));
    }

    /** Back from hibernation: READY on the same instance, reason cleared, address as EC2 reports it now. */
    public NodeRecord returned(String currentPrivateIp, Instant now, Instant eventAt) {
        return new NodeRecord(node, NodeState.READY, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, currentPrivateIp == null ? privateIp : currentPrivateIp, null, now, lastRequestAt,
                latestEvent(eventAt));
    }

    /** Same state, new reason (e.g. the drain a rebalance recommendation caused); stateSince is kept. */
    public NodeRecord withReason(String why, Instant eventAt) {
        return new NodeRecord(node, state, version + 1, instanceId, spotRequestId, market, instanceType,
                availabilityZone, privateIp, why, stateSince, lastRequestAt, latestEvent(eventAt), slurmOwed);
    }

    /** True when an EC2 state-change event of time {@code at} is older than one already applied. */
    public boolean isStaleEvent(Instant at) {
        return at != null && ec2EventAt != null && at.isBefore(ec2EventAt);
    }

    private Instant latestEvent(Instant at) {
        if (at == null) {
            return ec2EventAt;
        }
        return ec2EventAt == null || at.isAfter(ec2EventAt) ? at : ec2EventAt;
    }

    private Instant latest(Instant issuedAt) {
        if (issuedAt == null) {
            return lastRequestAt;
        }
        return lastRequestAt == null || issuedAt.isAfter(lastRequestAt) ? issuedAt : lastRequestAt;
    }
}
