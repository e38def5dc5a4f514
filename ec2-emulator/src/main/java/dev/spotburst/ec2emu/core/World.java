package dev.spotburst.ec2emu.core;

import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.ec2emu.ThrottleSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * All emulated EC2 state behind one lock. Every API call and control operation runs through {@link #locked}, which
 * first runs the transitions that are due by the clock, then the body, then reconciles persistent Spot requests and
 * fleets; events are delivered after the lock is released. One coarse lock keeps the model simple and is far from a
 * bottleneck at control-plane call rates.
 */
public final class World {

    public final Ec2EmulatorOptions opts;
    public final Ids ids;
    public final Map<String, Instance> instances = new LinkedHashMap<>();
    public final Map<String, Volume> volumes = new LinkedHashMap<>();
    public final Map<String, SpotRequest> spotRequests = new LinkedHashMap<>();
    public final Map<String, Fleet> fleets = new LinkedHashMap<>();
    public final Map<String, Subnet> subnets = new LinkedHashMap<>();
    public final Map<String, LaunchTemplate> launchTemplates = new LinkedHashMap<>();
    public final Map<String, InstanceTypeSpec> instanceTypes = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> tags = new HashMap<>();
    /** RunInstances ClientToken → reservation id; CreateFleet ClientToken → fleet id. */
    public final Map<String, String> runTokens = new HashMap<>();
    public final Map<String, String> fleetTokens = new HashMap<>();
    public final List<String> availabilityZones;
    public final String defaultVpcId = "vpc-0000000000000def0";
    public final EventBus events = new EventBus();
    public final SpotService spot = new SpotService(this);
    public final FleetEngine fleetEngine = new FleetEngine(this);
    final EventFactory eventFactory;

    private final ReentrantLock lock = new ReentrantLock();
    private final Scheduler scheduler = new Scheduler();
    private final Map<PoolKey, Integer> capacity = new HashMap<>();
    private final Map<String, AtomicLong> callCounts = new ConcurrentSkipListMap<>();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile ThrottleSpec throttle;
    private volatile Duration latency = Duration.ZERO;
    private Instant timeOverride;

    public World(Ec2EmulatorOptions opts) {
        this.opts = opts;
        this.ids = new Ids(opts.idSeed());
        this.eventFactory = new EventFactory(opts.region(), opts.accountId(), ids);
        this.availabilityZones = opts.availabilityZones();
        this.throttle = opts.throttle();
        for (InstanceTypeSpec t : opts.instanceTypes()) {
            instanceTypes.put(t.instanceType(), t);
        }
        // The default VPC of every account: one default subnet per AZ in 172.31.0.0/16 (VPC User Guide, "Default VPCs").
        for (int i = 0; i < availabilityZones.size(); i++) {
            String id = "subnet-" + String.format("%017x", 0xa0 + i);
            addSubnet(new SubnetSpec(id, availabilityZones.get(i), "172.31." + (16 * i) + ".0/20", defaultVpcId, true));
        }
        for (SubnetSpec s : opts.subnets()) {
            if (!availabilityZones.contains(s.availabilityZone())) {
                throw new IllegalArgumentException("subnet " + s.subnetId() + " is in unknown AZ " + s.availabilityZone()
                        + "; known: " + availabilityZones);
            }
            addSubnet(s);
        }
        Instant now = opts.clock().now();
        for (LaunchTemplateSpec lt : opts.launchTemplates()) {
            launchTemplates.put(lt.launchTemplateId(), new LaunchTemplate(lt.launchTemplateId(), lt.launchTemplateName(),
                    now, null, lt.imageId(), lt.instanceType(), null, null, lt.hibernationConfigured() ? true : null,
                    lt.instanceTags(), null));
        }
    }

    private void addSubnet(SubnetSpec s) {
        int idx = availabilityZones.indexOf(s.availabilityZone());
        String azId = azId(idx);
        subnets.put(s.subnetId(), new Subnet(s, azId));
    }

    public String azId(int index) {
        String prefix = opts.region().equals("us-east-1") ? "use1" : opts.region().replace("-", "").substring(0, 4);
        return prefix + "-az" + (index + 1);
    }

    // ---- locking and time ----

    public <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            runDue();
            T result = body.get();
            reconcile();
            return result;
        } finally {
            lock.unlock();
            events.drain();
        }
    }

    public void locked(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    /** Emulator time; while a scheduled transition runs, its due time. */
    public Instant now() {
        return timeOverride != null ? timeOverride : opts.clock().now();
    }

    void schedule(Duration after, String what, Runnable action) {
        scheduler.at(now().plus(after), what, action);
    }

    private void runDue() {
        Instant target = opts.clock().now();
        Scheduler.Task t;
        while ((t = scheduler.pollDue(target)) != null) {
            timeOverride = t.due();
            try {
                t.action().run();
                reconcile();
            } finally {
                timeOverride = null;
            }
        }
        Instant cutoff = target.minus(opts.terminatedVisibleFor());
        instances.values().removeIf(i -> i.state == InstanceState.TERMINATED && i.terminatedAt.isBefore(cutoff));
    }

    private void reconcile() {
        spot.reconcile();
        fleetEngine.reconcile();
    }

    void emit(String eventJson) {
        events.enqueue(eventJson);
    }

    // ---- capacity ----

    public int available(PoolKey pool) {
        return capacity.getOrDefault(pool, opts.defaultCapacityPerPool());
    }

    public void setAvailable(PoolKey pool, int available) {
        if (available < 0) {
            throw new IllegalArgumentException("available must be >= 0, got " + available);
        }
        capacity.put(pool, available);
    }

    private void take(Instance i) {
        PoolKey p = i.pool();
        capacity.put(p, available(p) - 1);
        i.holdsCapacity = true;
    }

    private void release(Instance i) {
        if (i.holdsCapacity) {
            PoolKey p = i.pool();
            capacity.put(p, available(p) + 1);
            i.holdsCapacity = false;
        }
    }

    public int activeSpotInstances() {
        int n = 0;
        for (Instance i : instances.values()) {
            if (i.isSpot() && i.state.active()) {
                n++;
            }
        }
        return n;
    }

    /** Spot price of a pool: the type's base price, a little higher in later AZs so lowest-price has a preference. */
    public double spotPrice(String instanceType, String az) {
        InstanceTypeSpec t = instanceTypes.get(instanceType);
        int idx = Math.max(0, availabilityZones.indexOf(az));
        return t == null ? 0 : Math.round(t.spotPrice() * (1 + 0.05 * idx) * 10000) / 10000.0;
    }

    public double onDemandPrice(String instanceType) {
        InstanceTypeSpec t = instanceTypes.get(instanceType);
        return t == null ? 0 : t.onDemandPrice();
    }

    // ---- instance lifecycle ----

    /** Puts a new instance into {@code spec}'s pool; the caller has checked capacity and the address pool. */
    public Instance launch(LaunchSpec spec) {
        Instance i = new Instance();
        i.id = ids.instance();
        i.reservationId = spec.reservationId();
        i.imageId = spec.imageId();
        i.instanceType = spec.instanceType();
        i.subnetId = spec.subnet().spec.subnetId();
        i.vpcId = spec.subnet().spec.vpcId();
        i.availabilityZone = spec.subnet().spec.availabilityZone();
        i.privateIp = spec.subnet().allocate();
        i.keyName = spec.keyName();
        i.clientToken = spec.clientToken();
        i.market = spec.market();
        i.spotRequestId = spec.spotRequestId();
        i.fleetId = spec.fleetId();
        i.launchTemplateId = spec.launchTemplateId();
        i.launchTemplateName = spec.launchTemplateName();
        i.launchTemplateVersion = spec.launchTemplateVersion();
        createRootVolume(i, spec.launchTemplateId());
        i.boots = 1;
        i.memory = memoryOf(i);
        i.amiLaunchIndex = spec.amiLaunchIndex();
        i.weight = spec.weight();
        i.hibernationConfigured = spec.hibernationConfigured();
        i.interruptionBehavior = spec.interruptionBehavior();
        i.launchTime = now();
        instances.put(i.id, i);
        if (!spec.tags().isEmpty()) {
            tags.put(i.id, new LinkedHashMap<>(spec.tags()));
        }
        take(i);
        enter(i, InstanceState.PENDING);
        scheduleRunning(i);
        return i;
    }

    private void scheduleRunning(Instance i) {
        schedule(opts.pendingToRunning(), "running " + i.id, () -> {
            if (i.state == InstanceState.PENDING) {
                enter(i, InstanceState.RUNNING);
            }
        });
    }

    /**
     * Starts a stopped instance again: same id, volumes and private address. A hibernation image on the root volume
     * is resumed only when this instance was itself hibernated, is configured for hibernation and has the image's
     * instance type (EC2 User Guide, "Hibernation prerequisites": a hibernated instance cannot change type); any
     * other start boots cold and the image is discarded. Resuming an image written by another instance (root volume
     * moved while both were stopped) is what rescue relies on; see docs/rescue.md for why this is the strict model.
     */
    public void start(Instance i) {
        Volume root = rootVolume(i);
        boolean resume = root != null && root.hibernationImage != null && i.hibernated && i.hibernationConfigured
                && i.instanceType.equals(root.hibernationImageType);
        i.boots++;
        i.memory = resume ? root.hibernationImage : memoryOf(i);
        i.resumedFromHibernation = resume;
        if (root != null) {
            root.hibernationImage = null;
            root.hibernationImageType = null;
        }
        take(i);
        i.stoppedBySpot = false;
        i.hibernated = false;
        i.stateReasonCode = null;
        i.stateReasonMessage = null;
        i.stateTransitionReason = "";
        i.launchTime = now();
        enter(i, InstanceState.PENDING);
        scheduleRunning(i);
    }

    /**
     * @param reclaimed EC2 took the capacity back (Spot interruption): the slot does not return to the pool
     */
    public void stop(Instance i, boolean hibernate, String reasonCode, String reasonMessage, String transitionReason,
                     boolean reclaimed) {
        if (reclaimed) {
            i.holdsCapacity = false;
        }
        i.hibernated = hibernate;
        i.stateReasonCode = reasonCode;
        i.stateReasonMessage = reasonMessage;
        i.stateTransitionReason = transitionReason;
        enter(i, InstanceState.STOPPING);
        schedule(opts.stoppingToStopped(), "stopped " + i.id, () -> {
            if (i.state == InstanceState.STOPPING) {
                release(i);
                Volume root = rootVolume(i);
                if (root != null && hibernate) {
                    root.hibernationImage = i.memory;
                    root.hibernationImageType = i.instanceType;
                }
                enter(i, InstanceState.STOPPED);
            }
        });
    }

    public void terminate(Instance i, String reasonCode, String reasonMessage, String transitionReason,
                          boolean reclaimed) {
        if (reclaimed) {
            i.holdsCapacity = false;
        }
        i.stateReasonCode = reasonCode;
        i.stateReasonMessage = reasonMessage;
        i.stateTransitionReason = transitionReason;
        i.interruptionPending = false;
        enter(i, InstanceState.SHUTTING_DOWN);
        schedule(opts.shuttingDownToTerminated(), "terminated " + i.id, () -> {
            if (i.state == InstanceState.SHUTTING_DOWN) {
                release(i);
                Subnet s = subnets.get(i.subnetId);
                if (s != null && i.privateIp != null) {
                    s.release(i.privateIp);
                }
                i.terminatedAt = now();
                releaseVolumes(i);
                enter(i, InstanceState.TERMINATED);
            }
        });
    }

    private void enter(Instance i, InstanceState s) {
        i.state = s;
        emit(eventFactory.stateChange(now(), i.id, s.wire));
        fleetEngine.onInstanceState(i);
    }

    public String userTransitionReason(String what) {
        return "User initiated (" + now().toString().replace('T', ' ').replaceAll("\\..*|Z$", "") + " GMT)";
    }

    // ---- volumes ----

    private void createRootVolume(Instance i, String launchTemplateId) {
        LaunchTemplate lt = launchTemplateId == null ? null : launchTemplates.get(launchTemplateId);
        BlockDeviceTemplate b = lt == null ? null : lt.rootDevice(i.rootDeviceName);
        Volume v = new Volume();
        v.id = ids.volume();
        v.sizeGiB = b != null && b.volumeSize() != null ? b.volumeSize() : 8;
        v.encrypted = b != null && Boolean.TRUE.equals(b.encrypted());
        v.volumeType = b != null && b.volumeType() != null ? b.volumeType() : "gp3";
        v.availabilityZone = i.availabilityZone;
        v.createTime = now();
        volumes.put(v.id, v);
        attachVolume(v, i, i.rootDeviceName, b == null || b.deleteOnTermination() == null || b.deleteOnTermination());
    }

    public void attachVolume(Volume v, Instance i, String device, boolean deleteOnTermination) {
        v.state = "in-use";
        v.instanceId = i.id;
        v.device = device;
        v.attachTime = now();
        v.deleteOnTermination = deleteOnTermination;
    }

    public void detachVolume(Volume v) {
        v.state = "available";
        v.instanceId = null;
        v.device = null;
        v.attachTime = null;
        v.deleteOnTermination = false;
    }

    /** The volume attached at the instance's root device name, or null when the root was detached. */
    public Volume rootVolume(Instance i) {
        for (Volume v : volumes.values()) {
            if (i.id.equals(v.instanceId) && i.rootDeviceName.equals(v.device)) {
                return v;
            }
        }
        return null;
    }

    public List<Volume> volumesOf(Instance i) {
        List<Volume> out = new ArrayList<>();
        for (Volume v : volumes.values()) {
            if (i.id.equals(v.instanceId)) {
                out.add(v);
            }
        }
        return out;
    }

    /** On termination: DeleteOnTermination volumes are deleted, the others become available. */
    private void releaseVolumes(Instance i) {
        for (Volume v : volumesOf(i)) {
            if (v.deleteOnTermination) {
                volumes.remove(v.id);
            } else {
                detachVolume(v);
            }
        }
    }

    private static String memoryOf(Instance i) {
        return "mem-" + i.id.substring(2) + "." + i.boots;
    }

    // ---- lookups ----

    public List<Instance> instancesSnapshot() {
        return new ArrayList<>(instances.values());
    }

    public Map<String, String> tagsOf(String resourceId) {
        return tags.getOrDefault(resourceId, Map.of());
    }

    // ---- throttling, latency, call counts (no world lock needed) ----

    public void countCall(String action) {
        callCounts.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> callCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        callCounts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void setThrottle(ThrottleSpec spec) {
        throttle = spec;
        buckets.clear();
    }

    /** True when the call may proceed; false means answer {@code RequestLimitExceeded}. */
    public boolean admit(String action) {
        ThrottleSpec t = throttle;
        if (!t.enabled()) {
            return true;
        }
        String key = t.perAction() ? action : "*";
        Instant now = opts.clock().now();
        return buckets.computeIfAbsent(key, k -> new TokenBucket(t.ratePerSecond(), t.burst(), now)).tryTake(now);
    }

    public void setLatency(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, got " + d);
        }
        latency = d;
    }

    public Duration latency() {
        return latency;
    }

    public int pendingTransitions() {
        lock.lock();
        try {
            return scheduler.size();
        } finally {
            lock.unlock();
        }
    }
}
