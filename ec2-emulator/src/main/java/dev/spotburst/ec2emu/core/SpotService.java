package dev.spotburst.ec2emu.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spot requests and interruptions. Semantics from the EC2 User Guide:
 * <ul>
 * <li>"Spot Instance interruption notices": the warning event comes two minutes before terminate/stop; with hibernate
 * there is no two-minute lead, hibernation begins at once ({@code hibernateNotice}, default zero).</li>
 * <li>"State changes for a Spot request": after an interruption a persistent request is opened again
 * ({@code instance-stopped-no-capacity} / {@code instance-terminated-no-capacity}); a one-time request is closed.</li>
 * <li>"Stop interrupted Spot Instances": only the Spot service restarts an instance it stopped, and it restarts
 * <em>that</em> instance (same id, volumes, private IP) when capacity is available in the same pool.</li>
 * <li>"Cancel a Spot Instance request": cancelling does not terminate the instance.</li>
 * </ul>
 * The interrupted instance's slot is reclaimed by EC2: it does not return to the pool.
 */
public final class SpotService {

    private final World w;

    SpotService(World w) {
        this.w = w;
    }

    public SpotRequest create(String type, String maxPrice, String behavior, LaunchSpec spec, boolean fleetManaged) {
        SpotRequest r = new SpotRequest();
        r.id = w.ids.spotRequest();
        r.type = type;
        r.createTime = w.now();
        r.maxPrice = maxPrice;
        r.interruptionBehavior = behavior;
        r.imageId = spec.imageId();
        r.instanceType = spec.instanceType();
        r.subnetId = spec.subnet().spec.subnetId();
        r.availabilityZone = spec.subnet().spec.availabilityZone();
        r.keyName = spec.keyName();
        r.hibernationConfigured = spec.hibernationConfigured();
        r.fleetManaged = fleetManaged;
        w.spotRequests.put(r.id, r);
        return r;
    }

    public void status(SpotRequest r, String state, String code, String message) {
        if (state.equals(r.state) && code.equals(r.statusCode)) {
            return;
        }
        r.state = state;
        r.statusCode = code;
        r.statusMessage = message;
        r.statusUpdateTime = w.now();
    }

    public void fulfilled(SpotRequest r, String instanceId) {
        r.instanceId = instanceId;
        status(r, "active", "fulfilled", "Your Spot request is fulfilled.");
    }

    /** Issues the interruption warning now and performs the interruption after the notice period. */
    public void interrupt(Instance i) {
        if (!i.isSpot()) {
            throw new IllegalArgumentException("instance " + i.id + " is not a Spot Instance");
        }
        if (!i.state.active()) {
            throw new IllegalArgumentException("instance " + i.id + " is " + i.state.wire + "; only pending or running Spot Instances can be interrupted");
        }
        if (i.interruptionPending) {
            return;
        }
        String action = i.interruptionBehavior == null ? "terminate" : i.interruptionBehavior;
        i.interruptionPending = true;
        w.emit(w.eventFactory.interruptionWarning(w.now(), i.id, action));
        SpotRequest r = i.spotRequestId == null ? null : w.spotRequests.get(i.spotRequestId);
        if (r != null && ("active".equals(r.state) || "open".equals(r.state))) {
            status(r, r.state, "terminate".equals(action) ? "marked-for-termination" : "marked-for-stop",
                    "Your Spot Instance is marked for " + ("terminate".equals(action) ? "termination" : "stop")
                            + " because of a capacity reclaim.");
        }
        w.fleetEngine.onInterruptionNotice(i);
        Duration lead = "hibernate".equals(action) ? w.opts.hibernateNotice() : w.opts.interruptionNotice();
        w.schedule(lead, "interrupt " + i.id, () -> perform(i, action));
    }

    private void perform(Instance i, String action) {
        if (!i.interruptionPending || !i.state.active()) {
            i.interruptionPending = false;
            return;
        }
        i.interruptionPending = false;
        SpotRequest r = i.spotRequestId == null ? null : w.spotRequests.get(i.spotRequestId);
        boolean persistent = r != null && "persistent".equals(r.type);
        boolean reopen = persistent && !"cancelled".equals(r.state);
        if ("terminate".equals(action)) {
            w.terminate(i, "Server.SpotInstanceTermination",
                    "Server.SpotInstanceTermination: A Spot Instance was terminated due to a capacity reclaim.",
                    "Service initiated", true);
            if (r != null && !"cancelled".equals(r.state)) {
                status(r, reopen ? "open" : "closed", "instance-terminated-no-capacity",
                        "Your Spot Instance was terminated because there is no Spot capacity available that matches your request.");
            }
        } else {
            boolean hibernate = "hibernate".equals(action);
            i.stoppedBySpot = true;
            w.stop(i, hibernate, "Server.SpotInstanceShutdown",
                    "Server.SpotInstanceShutdown: The instance was " + (hibernate ? "hibernated" : "stopped")
                            + " because of a Spot capacity reclaim.",
                    "Service initiated", true);
            if (r != null && !"cancelled".equals(r.state)) {
                status(r, reopen ? "open" : "closed", "instance-stopped-no-capacity",
                        "Your Spot Instance was stopped because there is no Spot capacity available that matches your request.");
            }
        }
    }

    public void rebalance(Instance i) {
        if (!i.isSpot() || !i.state.active()) {
            throw new IllegalArgumentException("instance " + i.id + " is not a pending or running Spot Instance");
        }
        w.emit(w.eventFactory.rebalance(w.now(), i.id));
    }

    /** Reclaims a whole Spot pool: no spare capacity left, every Spot Instance in it interrupted. */
    public List<String> interruptPool(String instanceType, String az) {
        w.setAvailable(new PoolKey(instanceType, az, "spot"), 0);
        List<String> hit = new ArrayList<>();
        for (Instance i : w.instancesSnapshot()) {
            if (i.isSpot() && i.state.active() && i.instanceType.equals(instanceType) && i.availabilityZone.equals(az)) {
                interrupt(i);
                hit.add(i.id);
            }
        }
        return hit;
    }

    /** Persistent requests: restart what the Spot service stopped, relaunch what was terminated. */
    void reconcile() {
        for (SpotRequest r : new ArrayList<>(w.spotRequests.values())) {
            if (r.fleetManaged || !"persistent".equals(r.type) || !"open".equals(r.state)) {
                continue;
            }
            Instance i = r.instanceId == null ? null : w.instances.get(r.instanceId);
            if (i != null && i.state == InstanceState.STOPPED && i.stoppedBySpot) {
                if (w.available(i.pool()) > 0 && w.rootVolume(i) == null) {
                    // "If you detach the root volume and Amazon EC2 attempts to start the Spot Instance, the
                    // instance will fail to start and Amazon EC2 will terminate the stopped instance."
                    w.terminate(i, "Server.InternalError", "Server.InternalError: Internal error on launch",
                            "Service initiated", false);
                    status(r, "open", "instance-terminated-no-capacity",
                            "Your Spot Instance could not be restarted and was terminated.");
                } else if (w.available(i.pool()) > 0) {
                    w.start(i);
                    fulfilled(r, i.id);
                }
            } else if (i == null || i.state == InstanceState.TERMINATED) {
                relaunch(r);
            }
        }
    }

    private void relaunch(SpotRequest r) {
        Subnet subnet = w.subnets.get(r.subnetId);
        PoolKey pool = new PoolKey(r.instanceType, r.availabilityZone, "spot");
        if (subnet == null || w.available(pool) <= 0 || subnet.availableIpAddressCount() <= 0) {
            status(r, "open", "capacity-not-available", "There is no Spot capacity available that matches your request.");
            return;
        }
        if (w.activeSpotInstances() >= w.opts.maxSpotInstances()) {
            status(r, "open", "capacity-oversubscribed", "The number of Spot requests exceeds your Spot Instance limit.");
            return;
        }
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        LaunchSpec spec = new LaunchSpec(r.instanceType, subnet, "spot", r.imageId, r.keyName, r.hibernationConfigured,
                r.interruptionBehavior, r.id, null, null, null, null, null, w.ids.reservation(), 0, 1.0, tags);
        Instance i = w.launch(spec);
        fulfilled(r, i.id);
    }
}
