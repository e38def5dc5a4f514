package dev.spotburst.ec2emu;

import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.PoolKey;
import dev.spotburst.ec2emu.core.Volume;
import dev.spotburst.ec2emu.core.World;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test and demo control of the emulated cloud: capacity, interruptions, time, throttling, latency. Also reachable
 * over HTTP as {@code POST /_emulator/<op>} with a JSON body (see {@code ControlHttpHandler}). Thread-safe.
 */
public final class EmulatorControl {

    private final World w;

    EmulatorControl(World w) {
        this.w = w;
    }

    /** Sets the free slots of a capacity pool; {@code market} is {@code spot} or {@code on-demand}. */
    public void setCapacity(String instanceType, String availabilityZone, String market, int available) {
        PoolKey pool = pool(instanceType, availabilityZone, market);
        w.locked(() -> w.setAvailable(pool, available));
    }

    /** Same as {@link #setCapacity}; reads better in scenarios. Persistent requests and maintain fleets react at once. */
    public void restoreCapacity(String instanceType, String availabilityZone, String market, int available) {
        setCapacity(instanceType, availabilityZone, market, available);
    }

    public int availableCapacity(String instanceType, String availabilityZone, String market) {
        PoolKey pool = pool(instanceType, availabilityZone, market);
        return w.locked(() -> w.available(pool));
    }

    /** Interruption warning now; the instance's interruption behaviour after the notice period (2 minutes by default). */
    public void interrupt(String instanceId) {
        w.locked(() -> w.spot.interrupt(find(instanceId)));
    }

    /** Reclaims a Spot pool: its spare capacity drops to zero and every Spot Instance in it is interrupted. */
    public List<String> interruptPool(String instanceType, String availabilityZone) {
        pool(instanceType, availabilityZone, "spot");
        return w.locked(() -> w.spot.interruptPool(instanceType, availabilityZone));
    }

    public void rebalance(String instanceId) {
        w.locked(() -> w.spot.rebalance(find(instanceId)));
    }

    /** Moves the clock forward and runs every transition that became due, in time order. */
    public void advance(Duration d) {
        w.opts.clock().advance(d);
        tick();
    }

    /** Runs the transitions that are due by the clock now (zero-delay transitions included). */
    public void tick() {
        w.locked(() -> { });
    }

    public List<InstanceView> instances() {
        return w.locked(() -> {
            List<InstanceView> out = new ArrayList<>();
            for (Instance i : w.instances.values()) {
                out.add(view(i));
            }
            return out;
        });
    }

    public InstanceView instance(String instanceId) {
        return w.locked(() -> view(find(instanceId)));
    }

    /** Every volume that exists (deleted ones are gone), in creation order. */
    public List<VolumeView> volumes() {
        return w.locked(() -> {
            List<VolumeView> out = new ArrayList<>();
            for (Volume v : w.volumes.values()) {
                out.add(new VolumeView(v.id, v.availabilityZone, v.state, v.instanceId, v.device,
                        v.deleteOnTermination, v.sizeGiB, v.encrypted, v.hibernationImage));
            }
            return out;
        });
    }

    public Map<String, Long> callCounts() {
        return w.callCounts();
    }

    public void setThrottle(ThrottleSpec spec) {
        w.setThrottle(spec);
    }

    public void setLatency(Duration latency) {
        w.setLatency(latency);
    }

    /** The most recent events (up to 10,000), oldest first, as delivered to sinks. */
    public List<String> events() {
        return w.events.recent();
    }

    private Instance find(String id) {
        Instance i = w.instances.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no instance " + id);
        }
        return i;
    }

    private PoolKey pool(String instanceType, String az, String market) {
        if (!w.instanceTypes.containsKey(instanceType)) {
            throw new IllegalArgumentException("unknown instance type '" + instanceType + "'; known: " + w.instanceTypes.keySet());
        }
        if (!w.availabilityZones.contains(az)) {
            throw new IllegalArgumentException("unknown Availability Zone '" + az + "'; known: " + w.availabilityZones);
        }
        return new PoolKey(instanceType, az, market);
    }

    private InstanceView view(Instance i) {
        Volume root = w.rootVolume(i);
        return new InstanceView(i.id, i.instanceType, i.availabilityZone, i.subnetId, i.state.wire, i.privateIp,
                i.market, i.spotRequestId, i.fleetId, i.stateReasonCode, i.hibernated, i.launchTime,
                Map.copyOf(new LinkedHashMap<>(w.tagsOf(i.id))), root == null ? null : root.id, i.memory,
                i.resumedFromHibernation);
    }
}
