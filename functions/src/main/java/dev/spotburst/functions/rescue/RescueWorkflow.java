package dev.spotburst.functions.rescue;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Performs one rescue (docs/rescue.md): launch an On-Demand twin of the hibernated Spot instance (same type and
 * subnet, hibernation configured), hibernate the twin, cancel the Spot request, move the Spot instance's root volume
 * (which holds the hibernation image) onto the twin, start it so it resumes the job's memory, terminate the old
 * Spot instance. Every invocation first looks at EC2 and the twin carries tags naming the volumes, so it continues
 * where the last one stopped — after a crash, or, in step mode ({@link RescuePolling#stepwise}), after returning
 * {@link RescueOutcome.InProgress} because an instance or volume was still in transition. Invocations for one node
 * never overlap: each holds the node's lease ({@link StateStore#acquireLease}) while it touches EC2. Any EC2 error
 * or an exceeded budget fails the node cleanly ({@link RescueFailure}).
 */
public final class RescueWorkflow {

    /** On the twin: the volume being moved in, and the twin's own original root (deleted once replaced). */
    static final String MOVED_ROOT = "spotburst:rescue-root";
    static final String OLD_ROOT = "spotburst:rescue-replaced-root";
    /** On the twin: when the rescue began (ISO-8601), what the step-mode budget counts from. */
    static final String STARTED = "spotburst:rescue-started";

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

    /** The lease that serialises rescue invocations of one node (reconcile tick vs. hibernation workflow). */
    public static String leaseName(dev.spotburst.model.NodeName node) {
        return "rescue:" + node;
    }

    public RescueOutcome run(NodeGroupConfig group, RescueStep.Rescue step, Instant now) {
        String lease = leaseName(step.node());
        String holder = UUID.randomUUID().toString();
        if (!store.acquireLease(lease, holder, now, now.plus(poll.lease()))) {
            return new RescueOutcome.InProgress(step.node(), "another invocation is rescuing the node");
        }
        try {
            return runLeased(group, step, now);
        } finally {
            store.releaseLease(lease, holder);
        }
    }

    private RescueOutcome runLeased(NodeGroupConfig group, RescueStep.Rescue step, Instant now) {
        NodeRecord rec = store.node(step.node());
        if (rec.state() != NodeState.HIBERNATED || !step.spotInstanceId().equals(rec.instanceId())) {
            return new RescueOutcome.Skipped(step.node(), "node is " + rec.state() + " on " + rec.instanceId());
        }
        var failure = new RescueFailure(ec2, records);
        try {
            return rescue(group, rec, now, failure);
        } catch (RescuePending p) {
            return new RescueOutcome.InProgress(rec.node(), p.getMessage());
        } catch (RescueEc2Exception e) {
            return failure.fail(rec, rec.spotRequestId(), e.code(), e.getMessage(), now);
        } catch (RescueTimeout e) {
            return failure.fail(rec, rec.spotRequestId(), "Timeout", e.getMessage(), now);
        }
    }

    private RescueOutcome rescue(NodeGroupConfig group, NodeRecord rec, Instant now, RescueFailure failure) {
        String spotId = rec.instanceId();
        RescueInstance twin = ec2.rescuersOf(spotId).stream().filter(t -> !t.gone()).findFirst().orElse(null);
        if (twin != null && transplanted(twin)) {
            // The root already moved: the Spot instance may be gone (terminated by the last step); only finish.
            return finish(rec, spotId, twin, now);
        }
        RescueInstance spot = ec2.instance(spotId).orElse(null);
        if (spot == null || spot.gone()) {
            return failure.fail(rec, rec.spotRequestId(), "SpotInstanceGone",
                    "the hibernated instance " + spotId + " no longer exists", now);
        }
        if (spot.is("pending") || spot.is("running")) {
            // EC2 restarted it before we moved anything: the ordinary resume path owns the node now.
            failure.terminateTwins(spotId);
            return new RescueOutcome.Skipped(rec.node(), "Spot capacity returned; " + spotId + " is " + spot.state());
        }
        if (twin == null) {
            twin = launchTwin(group, spot);
        }
        twin = withinBudget(twin, now);
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
        swapRoots(spot, twin);
        String twinId = twin.instanceId();
        twin = ec2.instance(twinId).orElseThrow(() -> new RescueEc2Exception("InvalidInstanceID.NotFound", twinId));
        return finish(rec, spotId, twin, now);
    }

    /** The twin runs (or is about to run) on the Spot root: start it, then terminate the Spot instance and rebind. */
    private RescueOutcome finish(NodeRecord rec, String spotId, RescueInstance twin, Instant now) {
        String moved = twin.tags().get(MOVED_ROOT);
        if (twin.is("stopped")) {
            withinBudget(twin, now);
            poll.volume(ec2, moved, "in-use");
            // AttachVolume leaves DeleteOnTermination false: without this the job's root would outlive the node.
            ec2.deleteOnTermination(twin.instanceId(), twin.rootDeviceName());
            String old = twin.tags().get(OLD_ROOT);
            if (old != null && !old.isEmpty() && ec2.volumeState(old).filter("available"::equals).isPresent()) {
                ec2.deleteVolume(old);
            }
            ec2.start(twin.instanceId());
        }
        twin = poll.instance(ec2, twin.instanceId(), Set.of("running"));
        if (!moved.equals(twin.rootVolumeId())) {
            throw new RescueEc2Exception("RootNotMoved", twin.instanceId() + " runs on " + twin.rootVolumeId());
        }
        if (ec2.instance(spotId).filter(s -> !s.gone()).isPresent()) {
            ec2.terminate(spotId);
        }
        return records.rescued(rec, twin, now);
    }

    private static boolean transplanted(RescueInstance twin) {
        String moved = twin.tags().get(MOVED_ROOT);
        return moved != null && moved.equals(twin.rootVolumeId());
    }

    /** A new twin; the client token makes a repeated launch (lost response, crash) return the same instance. */
    private RescueInstance launchTwin(NodeGroupConfig group, RescueInstance spot) {
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
        // DescribeInstances may lag RunInstances; in step mode the next invocation finds the twin by tag or token.
        return ec2.instance(id).orElseThrow(() -> poll.isStepwise() ? new RescuePending("twin " + id + " not yet visible")
                : new RescueEc2Exception("InvalidInstanceID.NotFound", id));
    }

    /**
     * Step mode: the rescue's start is written on the twin the first time it is seen (a tag, not a launch
     * parameter: a retried RunInstances must repeat its parameters exactly); past {@code budget} it fails.
     */
    private RescueInstance withinBudget(RescueInstance twin, Instant now) {
        if (poll.budget() == null) {
            return twin;
        }
        String started = twin.tags().get(STARTED);
        if (started == null) {
            ec2.tag(twin.instanceId(), Map.of(STARTED, now.toString()));
            return twin;
        }
        if (now.isAfter(Instant.parse(started).plus(poll.budget()))) {
            throw new RescueTimeout("rescue onto " + twin.instanceId() + " started " + started + " and is not done within "
                    + poll.budget() + " (twin " + twin.state() + ")");
        }
        return twin;
    }

    /**
     * Moves the Spot root onto the stopped twin. Which volume is which is written on the twin before anything is
     * detached, so a retry after a crash between detach and attach still knows the detached volume.
     */
    private void swapRoots(RescueInstance spot, RescueInstance twin) {
        String moved = twin.tags().get(MOVED_ROOT);
        if (moved == null) {
            moved = spot.rootVolumeId();
            String old = twin.rootVolumeId();
            if (moved == null) {
                throw new RescueEc2Exception("RootVolumeMissing", spot.instanceId() + " has no root volume");
            }
            ec2.tag(twin.instanceId(), Map.of(MOVED_ROOT, moved, OLD_ROOT, old == null ? "" : old));
        }
        if (moved.equals(spot.rootVolumeId())) {
            detach(moved);
        }
        if (twin.rootVolumeId() != null && !twin.rootVolumeId().equals(moved)) {
            detach(twin.rootVolumeId());
            poll.volume(ec2, twin.rootVolumeId(), "available");
        }
        poll.volume(ec2, moved, "available");
        ec2.attachVolume(moved, twin.instanceId(), twin.rootDeviceName());
        poll.volume(ec2, moved, "in-use");
    }

    /** A repeated DetachVolume of a volume still detaching is refused with IncorrectState: that is progress. */
    private void detach(String volumeId) {
        try {
            ec2.detachVolume(volumeId);
        } catch (RescueEc2Exception e) {
            if (!"IncorrectState".equals(e.code())) {
                throw e;
            }
        }
    }
}
