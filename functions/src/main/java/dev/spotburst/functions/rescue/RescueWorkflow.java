package dev.spotburst.functions.rescue;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Performs one rescue (docs/rescue.md): launch an On-Demand twin of the hibernated Spot instance (same type and
 * subnet, hibernation configured), hibernate the twin, cancel the Spot request, move the Spot instance's root volume
 * (which holds the hibernation image) onto the twin, start it so it resumes the job's memory, terminate the old
 * Spot instance. Every step first looks at EC2, and the twin carries tags naming the volumes, so a retried
 * invocation continues where the last one stopped. Any EC2 error or timeout fails the node cleanly
 * ({@link RescueFailure}).
 */
public final class RescueWorkflow {

    /** On the twin: the volume being moved in, and the twin's own original root (deleted once replaced). */
    static final String MOVED_ROOT = "spotburst:rescue-root";
    static final String OLD_ROOT = "spotburst:rescue-replaced-root";

    private final StateStore store;
    private final RescueEc2 ec2;
    private final RescueRecords records;
    private final RescuePolling poll;

    public RescueWorkflow(StateStore store, RescueEc2 ec2, RescueRecords records, RescuePolling poll) {
        this.store = store;
        this.ec2 = ec2;
        this.records = records;
        this.poll = poll;
    }

    public RescueOutcome run(NodeGroupConfig group, RescueStep.Rescue step, Instant now) {
        NodeRecord rec = store.node(step.node());
        if (rec.state() != NodeState.HIBERNATED || !step.spotInstanceId().equals(rec.instanceId())) {
            return new RescueOutcome.Skipped(step.node(), "node is " + rec.state() + " on " + rec.instanceId());
        }
        var failure = new RescueFailure(ec2, records);
        try {
            return rescue(group, rec, now, failure);
        } catch (RescueEc2Exception e) {
            return failure.fail(rec, step.spotRequestId(), e.code(), e.getMessage(), now);
        } catch (RescueTimeout e) {
            return failure.fail(rec, step.spotRequestId(), "Timeout", e.getMessage(), now);
        }
    }

    private RescueOutcome rescue(NodeGroupConfig group, NodeRecord rec, Instant now, RescueFailure failure) {
        String spotId = rec.instanceId();
        RescueInstance spot = ec2.instance(spotId).orElse(null);
        if (spot == null || spot.gone()) {
            return failure.fail(rec, rec.spotRequestId(), "SpotInstanceGone",
                    "the hibernated instance " + spotId + " no longer exists", now);
        }
        if (spot.is("pending") || spot.is("running")) {
            // EC2 restarted it before we started: the ordinary resume path owns the node now.
            failure.terminateTwins(spotId);
            return new RescueOutcome.Skipped(rec.node(), "Spot capacity returned; " + spotId + " is " + spot.state());
        }
        RescueInstance twin = twin(group, spot);
        twin = poll.instance(ec2, twin.instanceId(), Set.of("running", "stopped"));
        if (twin.is("running")) {
            ec2.stop(twin.instanceId(), true);
            twin = poll.instance(ec2, twin.instanceId(), Set.of("stopped"));
        }
        // Point of no return. Cancel the persistent request first, or EC2 restarts the Spot instance when capacity
        // returns (or, its root gone, terminates it) while the twin runs the same job.
        if (spot.spotRequestId() != null) {
            ec2.cancelSpotRequest(spot.spotRequestId());
        }
        spot = ec2.instance(spotId).orElseThrow(() -> new RescueEc2Exception("SpotInstanceGone", spotId + " vanished"));
        if (spot.is("pending") || spot.is("running")) {
            failure.terminateTwins(spotId);
            return new RescueOutcome.Skipped(rec.node(), "Spot capacity returned during rescue; " + spotId + " runs");
        }
        String movedRoot = swapRoots(spot, twin);
        ec2.start(twin.instanceId());
        twin = poll.instance(ec2, twin.instanceId(), Set.of("running"));
        if (!movedRoot.equals(twin.rootVolumeId())) {
            throw new RescueEc2Exception("RootNotMoved", twin.instanceId() + " runs on " + twin.rootVolumeId());
        }
        ec2.terminate(spotId);
        return records.rescued(rec, twin, now);
    }

    /** The twin of an earlier attempt (found by tag), or a new one (the client token makes a repeat harmless). */
    private RescueInstance twin(NodeGroupConfig group, RescueInstance spot) {
        for (RescueInstance t : ec2.rescuersOf(spot.instanceId())) {
            if (!t.gone()) {
                return t;
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        spot.tags().forEach((k, v) -> {
            if (!k.startsWith("aws:")) {
                tags.put(k, v);
            }
        });
        tags.put(RescueLaunch.RESCUED_FROM, spot.instanceId());
        var lt = group.launchTemplate();
        String id = ec2.launch(new RescueLaunch(RescueLaunch.tokenFor(spot.instanceId()), lt.launchTemplateId(),
                lt.launchTemplateName(), lt.version(), spot.instanceType(), spot.subnetId(), tags));
        return ec2.instance(id).orElseThrow(() -> new RescueEc2Exception("InvalidInstanceID.NotFound", id));
    }

    /**
     * Moves the Spot root onto the stopped twin. Which volume is which is written on the twin before anything is
     * detached, so a retry after a crash between detach and attach still knows the detached volume.
     */
    private String swapRoots(RescueInstance spot, RescueInstance twin) {
        String moved = twin.tags().get(MOVED_ROOT);
        String old = twin.tags().get(OLD_ROOT);
        if (moved == null) {
            moved = spot.rootVolumeId();
            old = twin.rootVolumeId();
            if (moved == null) {
                throw new RescueEc2Exception("RootVolumeMissing", spot.instanceId() + " has no root volume");
            }
            ec2.tag(twin.instanceId(), Map.of(MOVED_ROOT, moved, OLD_ROOT, old == null ? "" : old));
        }
        if (moved.equals(spot.rootVolumeId())) {
            ec2.detachVolume(moved);
        }
        if (twin.rootVolumeId() != null && !twin.rootVolumeId().equals(moved)) {
            ec2.detachVolume(twin.rootVolumeId());
            poll.volume(ec2, twin.rootVolumeId(), "available");
        }
        if (!moved.equals(twin.rootVolumeId())) {
            poll.volume(ec2, moved, "available");
            ec2.attachVolume(moved, twin.instanceId(), twin.rootDeviceName());
            poll.volume(ec2, moved, "in-use");
        }
        // AttachVolume leaves DeleteOnTermination false: without this the job's root would outlive the node.
        ec2.deleteOnTermination(twin.instanceId(), twin.rootDeviceName());
        if (old != null && !old.isEmpty() && ec2.volumeState(old).filter("available"::equals).isPresent()) {
            ec2.deleteVolume(old);
        }
        return moved;
    }
}
