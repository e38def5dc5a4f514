package dev.spotburst.functions.fakes;

import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link StateStore} with the same conditional semantics as the DynamoDB adapter. */
public final class MemoryStateStore implements StateStore {
    public final Map<NodeName, NodeRecord> nodes = new ConcurrentHashMap<>();
    public final Map<NodeGroupId, NodeGroupRecord> groups = new ConcurrentHashMap<>();
    public final Map<String, Instant> requests = new ConcurrentHashMap<>();
    public final Map<String, LaunchRecord> launches = new ConcurrentHashMap<>();
    public Instant heartbeat;
    public SlurmSnapshot snapshot;

    @Override
    public NodeRecord node(NodeName node) {
        return nodes.getOrDefault(node, NodeRecord.initial(node));
    }

    @Override
    public List<NodeRecord> nodes(NodeGroupId group) {
        return nodes.values().stream().filter(r -> r.node().group().equals(group)).sorted(
                java.util.Comparator.comparing(NodeRecord::node)).toList();
    }

    @Override
    public Optional<NodeRecord> nodeByInstance(String instanceId) {
        return nodes.values().stream().filter(r -> instanceId.equals(r.instanceId())).findFirst();
    }

    @Override
    public synchronized boolean transition(NodeRecord expected, NodeRecord next) {
        var cur = nodes.get(expected.node());
        boolean ok = expected.stored() ? cur != null && cur.state() == expected.state() && cur.version() == expected.version()
                : cur == null;
        if (ok) {
            nodes.put(next.node(), next);
        }
        return ok;
    }

    @Override
    public NodeGroupRecord group(NodeGroupId group) {
        return groups.getOrDefault(group, NodeGroupRecord.initial(group));
    }

    @Override
    public synchronized boolean updateGroup(NodeGroupRecord expected, NodeGroupRecord next) {
        var cur = groups.get(expected.group());
        boolean ok = expected.version() == 0 ? cur == null : cur != null && cur.version() == expected.version();
        if (ok) {
            groups.put(next.group(), next);
        }
        return ok;
    }

    @Override
    public boolean requestProcessed(String requestId) {
        return requests.containsKey(requestId);
    }

    @Override
    public void markRequestProcessed(String requestId, Instant now, Duration keep) {
        requests.put(requestId, now);
    }

    @Override
    public void recordLaunch(LaunchRecord launch) {
        launches.putIfAbsent(launch.instanceId(), launch);
    }

    @Override
    public Map<String, Boolean> launchesOpen(java.util.Collection<String> instanceIds) {
        var out = new java.util.HashMap<String, Boolean>();
        instanceIds.forEach(id -> {
            var l = launches.get(id);
            if (l != null) {
                out.put(id, l.endedAt() == null);
            }
        });
        return out;
    }

    @Override
    public void closeLaunch(String instanceId, Instant endedAt) {
        launches.computeIfPresent(instanceId, (k, l) -> l.endedAt() != null ? l
                : new LaunchRecord(l.instanceId(), l.node(), l.market(), l.instanceType(), l.availabilityZone(), l.launchedAt(), endedAt));
    }

    @Override
    public Optional<Instant> reconcilerHeartbeat() {
        return Optional.ofNullable(heartbeat);
    }

    @Override
    public void reconcilerHeartbeat(Instant at) {
        heartbeat = at;
    }

    @Override
    public void saveSlurmSnapshot(SlurmSnapshot s) {
        if (snapshot == null || snapshot.takenAt().isBefore(s.takenAt())) {
            snapshot = s;
        }
    }

    @Override
    public Optional<SlurmSnapshot> latestSlurmSnapshot() {
        return Optional.ofNullable(snapshot);
    }

    public final Map<NodeGroupId, Map<String, Long>> counters = new ConcurrentHashMap<>();

    @Override
    public void count(NodeGroupId group, String counter, long delta) {
        counters.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).merge(counter, delta, Long::sum);
    }

    @Override
    public Map<NodeGroupId, Map<String, Long>> counters() {
        var out = new java.util.TreeMap<NodeGroupId, Map<String, Long>>();
        counters.forEach((g, m) -> out.put(g, new java.util.TreeMap<>(m)));
        return out;
    }

    /** name → {holder, until}; same rule as the DynamoDB condition (free, expired, or already ours). */
    public final Map<String, Map.Entry<String, Instant>> leases = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean acquireLease(String name, String holder, Instant now, Instant until) {
        var cur = leases.get(name);
        if (cur != null && !cur.getKey().equals(holder) && cur.getValue().isAfter(now)) {
            return false;
        }
        leases.put(name, Map.entry(holder, until));
        return true;
    }

    @Override
    public synchronized void releaseLease(String name, String holder) {
        leases.computeIfPresent(name, (k, v) -> v.getKey().equals(holder) ? null : v);
    }
}
