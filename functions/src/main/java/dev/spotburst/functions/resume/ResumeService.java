package dev.spotburst.functions.resume;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.launch.FailureReasons;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.launch.LaunchInterlock;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resume: mark nodes RESUMING (conditional), launch one request per node group for the whole batch, bind what
 * came back, and fail the rest at once with EC2's error code so Slurm requeues their jobs now instead of after
 * ResumeTimeout. Per-node calls (marks, bindings, tags) run concurrently on {@link ParallelCalls}; the latency
 * from a request to its launch call is then a few round trips, not one per node of the batch.
 */
public final class ResumeService {
    private static final Logger log = LoggerFactory.getLogger(ResumeService.class);

    public record Result(Set<NodeName> launched, Set<NodeName> failed, Set<NodeName> skipped, Set<NodeName> busy) {
    }

    private final StateStore store;
    private final LaunchCapacity capacity;
    private final SlurmCommands slurm;
    private final GroupLauncher launcher;
    private final ParallelCalls calls;

    public ResumeService(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, SlurmCommands slurm) {
        this(store, capacity, inventory, slurm, new ParallelCalls(ParallelCalls.DEFAULT_THREADS));
    }

    public ResumeService(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, SlurmCommands slurm,
                         ParallelCalls calls) {
        this.store = store;
        this.capacity = capacity;
        this.slurm = slurm;
        this.calls = calls;
        this.launcher = new GroupLauncher(capacity, new InstanceBinder(store, capacity, inventory, calls));
    }

    /**
     * Every node must belong to {@code config} (callers validate). The records are read in one batch, every node
     * is marked concurrently (each mark its own conditional write, so one stale node fails alone), and each group
     * is launched as soon as its own nodes are marked; groups launch in name order, so EC2 sees the same sequence
     * of calls on a retry.
     */
    public Result resume(ClusterConfig config, List<NodeRequest> requests, Instant now) {
        var launched = new TreeSet<NodeName>();
        var failed = new TreeSet<NodeName>();
        var skipped = new TreeSet<NodeName>();
        var busy = new TreeSet<NodeName>();
        var unique = new LinkedHashMap<NodeName, NodeRequest>();
        requests.forEach(r -> unique.putIfAbsent(r.node(), r));
        var records = store.nodeRecords(List.copyOf(unique.keySet()));
        var marking = new TreeMap<NodeGroupId, ParallelCalls.Pending<NodeRecord>>();
        var byGroup = new TreeMap<NodeGroupId, List<NodeRecord>>();
        for (var req : unique.values()) {
            var rec = records.get(req.node());
            switch (ResumeDecision.decide(rec, req.issuedAt())) {
                case MARK, RELAUNCH -> byGroup.computeIfAbsent(req.node().group(), g -> new ArrayList<>()).add(rec);
                case SKIP -> {
                    if (noteSkipped(rec, req.issuedAt())) {
                        skipped.add(req.node());
                    } else {
                        busy.add(req.node()); // changed since it was read: retry the message
                    }
                }
                case BUSY -> busy.add(req.node());
            }
        }
        // Mark every group's nodes at once; a RESUMING node left by an earlier attempt is relaunched as it is.
        byGroup.forEach((g, recs) -> marking.put(g, calls.start(recs, rec -> {
            if (rec.state() == NodeState.RESUMING) {
                if (!rec.isNewerRequest(unique.get(rec.node()).issuedAt())) {
                    return rec;
                }
                var seen = rec.requestSeen(unique.get(rec.node()).issuedAt());
                return store.transition(rec, seen) ? seen : null;
            }
            var next = rec.resuming(now, unique.get(rec.node()).issuedAt());
            return store.transition(rec, next) ? next : null;
        })));
        var commands = new ArrayList<CommandMessage>();
        var started = new ArrayList<GroupLauncher.Started>();
        try {
            var heartbeat = store.reconcilerHeartbeat();
            // Launch each group as soon as its own nodes are marked; bindings run while the next group launches.
            for (var e : marking.entrySet()) {
                var marked = e.getValue().join();
                var nodes = new ArrayList<NodeRecord>();
                for (int i = 0; i < marked.size(); i++) {
                    if (marked.get(i) == null) {
                        busy.add(byGroup.get(e.getKey()).get(i).node()); // changed since it was read
                    } else {
                        nodes.add(marked.get(i));
                    }
                }
                if (nodes.isEmpty()) {
                    continue;
                }
                var group = config.nodeGroup(e.getKey()).orElseThrow();
                var blocked = LaunchInterlock.blocked(store.group(group.id()), heartbeat,
                        config.plugin().spotburst().reconcileIntervalSeconds(), now);
                if (blocked.isPresent()) {
                    fail(config.clusterName(), nodes, blocked.get(), now, failed, commands);
                } else {
                    started.add(launcher.start(config.clusterName(), group, nodes, now));
                }
            }
            for (var s : started) {
                finish(config, s, launched, failed, commands);
            }
        } catch (RuntimeException ex) {
            // Nothing may still be running once we return (a Lambda container is frozen then).
            marking.values().forEach(ParallelCalls.Pending::await);
            started.forEach(GroupLauncher.Started::await);
            throw ex;
        }
        if (!commands.isEmpty()) {
            slurm.send(commands);
        }
        return new Result(launched, failed, skipped, busy);
    }

    /**
     * A resume of a node already up changes nothing but its {@code lastRequestAt}, so that an older suspend
     * delivered after it is stale. Only LAUNCHED and READY nodes: a node RESUMING with an instance is being bound by
     * another invocation and hibernation steps belong to their workflow, so those are not written. False when the
     * conditional write lost a race.
     */
    private boolean noteSkipped(NodeRecord rec, Instant issuedAt) {
        if (rec.isStale(issuedAt) || !rec.isNewerRequest(issuedAt)
                || (rec.state() != NodeState.LAUNCHED && rec.state() != NodeState.READY)) {
            return true;
        }
        return store.transition(rec, rec.requestSeen(issuedAt));
    }

    private void finish(ClusterConfig config, GroupLauncher.Started started, Set<NodeName> launched,
                        Set<NodeName> failed, List<CommandMessage> commands) {
        var result = launcher.finish(started);
        var group = started.group();
        result.bound().forEach(r -> launched.add(r.node()));
        int wanted = result.bound().size() + result.unlaunched().size();
        if (!result.unlaunched().isEmpty()) {
            String reason = reason(config, result.errors(), wanted, result.bound().size());
            noteCapacityErrors(group.id(), reason, started.now());
            fail(config.clusterName(), result.unlaunched(), reason, started.now(), failed, commands);
        }
        log.info("resume {}: wanted={} launched={} failed={}", group.id(), wanted, result.bound().size(),
                result.unlaunched().size());
    }

    private String reason(ClusterConfig config, List<LaunchError> errors, int wanted, int got) {
        // Subnet zones from config.json (Spotburst.SubnetAvailabilityZones) first; DescribeSubnets for the rest.
        Map<String, String> zones = new java.util.HashMap<>(config.plugin().spotburst().subnetAvailabilityZones());
        var unknown = errors.stream().map(LaunchError::subnetId).filter(s -> s != null && !zones.containsKey(s))
                .distinct().toList();
        if (!unknown.isEmpty()) {
            zones.putAll(capacity.subnetZones(unknown));
        }
        return Commands.reason(FailureReasons.of(errors, zones, wanted, got));
    }

    private void noteCapacityErrors(NodeGroupId id, String reason, Instant now) {
        var g = store.group(id);
        store.updateGroup(g, g.capacityErrors(reason, now)); // informational: losing a race here is fine
    }

    private void fail(String cluster, List<NodeRecord> nodes, String reason, Instant now, Set<NodeName> failed,
                      List<CommandMessage> commands) {
        var ok = calls.map(nodes, rec -> store.transition(rec, rec.failed(reason, now)));
        var down = new ArrayList<NodeName>();
        var cause = new StringBuilder("resume-failed");
        for (int i = 0; i < nodes.size(); i++) {
            if (ok.get(i)) {
                var rec = nodes.get(i);
                down.add(rec.node());
                failed.add(rec.node());
                cause.append(',').append(rec.node()).append('@').append(rec.version());
            }
        }
        if (!down.isEmpty()) {
            log.warn("nodes {} failed to launch: {}", Commands.hostlist(down), reason);
            commands.add(Commands.message(cluster, now, new SlurmCommand.NodeDown(Commands.hostlist(down), reason),
                    cause.toString()));
        }
    }
}
