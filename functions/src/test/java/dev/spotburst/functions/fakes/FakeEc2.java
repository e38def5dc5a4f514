package dev.spotburst.functions.fakes;

import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.launch.LaunchOutcome;
import dev.spotburst.functions.launch.LaunchPlan;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.functions.launch.LaunchedInstance;
import dev.spotburst.functions.launch.Pool;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.launch.ThrottledException;
import dev.spotburst.model.Market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A scriptable EC2: pools can be out of capacity; every call is recorded. Thread-safe: resume calls it concurrently. */
public final class FakeEc2 implements LaunchCapacity, InstanceInventory {
    public final List<LaunchPlan> launches = new ArrayList<>();
    public final Map<String, InstanceView> instances = new LinkedHashMap<>();
    public final Map<String, SpotRequestView> spotRequests = new LinkedHashMap<>();
    public final List<String> cancelled = new ArrayList<>();
    public final List<String> terminated = new ArrayList<>();
    public final Map<String, List<LaunchTag>> tags = new HashMap<>();
    /** Pools (type@subnet) with no Spot capacity; "*" means none anywhere. */
    public final Set<String> noSpot = new HashSet<>();
    public final Set<String> noOnDemand = new HashSet<>();
    public boolean throttleLaunches;
    public Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private int seq;

    @Override
    public synchronized LaunchOutcome launch(LaunchPlan plan) {
        launches.add(plan);
        if (throttleLaunches) {
            throw new ThrottledException("launch", 6, null);
        }
        return switch (plan) {
            case LaunchPlan.Fleet f -> {
                var got = new ArrayList<LaunchedInstance>();
                var errors = new ArrayList<LaunchError>();
                for (var pool : f.pools()) {
                    if (dry(f.market(), pool)) {
                        errors.add(new LaunchError("InsufficientInstanceCapacity", "no capacity", pool.instanceType(), pool.subnetId(), f.market()));
                    }
                }
                var open = f.pools().stream().filter(p -> !dry(f.market(), p)).toList();
                // Like EC2: every instance of the fleet gets the fleet's TagSpecifications (placeholders left out).
                var fleetTags = new HashMap<String, String>();
                f.tags().stream().filter(t -> !t.needsInstanceFacts()).forEach(t -> fleetTags.put(t.key(), t.value()));
                for (int i = 0; i < f.count() && !open.isEmpty(); i++) {
                    got.add(start(open.getFirst(), f.market(), null, fleetTags));
                }
                yield new LaunchOutcome(got, errors);
            }
            case LaunchPlan.Instance p -> {
                if (dry(p.market(), p.pool())) {
                    yield LaunchOutcome.failed(new LaunchError("InsufficientInstanceCapacity", "no capacity",
                            p.pool().instanceType(), p.pool().subnetId(), p.market()));
                }
                String sir = p.market() == Market.SPOT ? "sir-" + (++seq) : null;
                var tagMap = new HashMap<String, String>();
                p.tags().forEach(t -> tagMap.put(t.key(), t.value()));
                var li = start(p.pool(), p.market(), sir, tagMap);
                if (sir != null) {
                    spotRequests.put(sir, new SpotRequestView(sir, "active", "fulfilled", li.instanceId(), p.node().toString(), now));
                }
                yield new LaunchOutcome(List.of(li), List.of());
            }
        };
    }

    private boolean dry(Market m, Pool p) {
        var set = m == Market.SPOT ? noSpot : noOnDemand;
        return set.contains("*") || set.contains(p.toString());
    }

    private LaunchedInstance start(Pool pool, Market market, String sir, Map<String, String> tagMap) {
        String id = String.format("i-%017d", ++seq);
        String az = pool.subnetId().equals("subnet-a") ? "eu-west-1a" : "eu-west-1b";
        instances.put(id, new InstanceView(id, "pending", pool.instanceType(), az, pool.subnetId(), "10.0.0." + seq,
                "ip-10-0-0-" + seq + ".ec2.internal", now, market, sir, tagMap));
        return new LaunchedInstance(id, pool.instanceType(), pool.subnetId(), market, sir);
    }

    @Override
    public synchronized void tag(String instanceId, List<LaunchTag> t) {
        tags.computeIfAbsent(instanceId, k -> new ArrayList<>()).addAll(t);
    }

    @Override
    public Map<String, String> subnetZones(Collection<String> subnetIds) {
        var out = new LinkedHashMap<String, String>();
        subnetIds.forEach(s -> out.put(s, s.equals("subnet-a") ? "eu-west-1a" : "eu-west-1b"));
        return out;
    }

    @Override
    public synchronized List<InstanceView> describe(Collection<String> ids) {
        return ids.stream().map(instances::get).filter(v -> v != null).toList();
    }

    /** How often the whole cluster was listed (the expensive call). */
    public int clusterListings;

    @Override
    public synchronized List<InstanceView> clusterInstances(String cluster) {
        clusterListings++;
        return instances.values().stream().filter(v -> !"terminated".equals(v.state())).toList();
    }

    @Override
    public synchronized List<SpotRequestView> clusterSpotRequests(String cluster) {
        return List.copyOf(spotRequests.values());
    }

    @Override
    public synchronized List<SpotRequestView> describeSpotRequests(Collection<String> ids) {
        return ids.stream().map(spotRequests::get).filter(v -> v != null).toList();
    }

    @Override
    public synchronized void cancelSpotRequests(Collection<String> ids) {
        cancelled.addAll(ids);
        ids.forEach(id -> spotRequests.computeIfPresent(id, (k, s) -> new SpotRequestView(k, "cancelled",
                "request-canceled-and-instance-running", s.instanceId(), s.nodeTag(), s.createTime())));
    }

    @Override
    public synchronized Map<String, String> terminate(Collection<String> ids) {
        terminated.addAll(ids);
        var out = new HashMap<String, String>();
        for (var id : ids) {
            var v = instances.get(id);
            if (v != null) {
                instances.put(id, new InstanceView(id, "shutting-down", v.instanceType(), v.availabilityZone(), v.subnetId(),
                        v.privateIp(), v.privateDnsName(), v.launchTime(), v.market(), v.spotRequestId(), v.tags()));
            }
            out.put(id, v == null ? "terminated" : "shutting-down");
        }
        return out;
    }
}
