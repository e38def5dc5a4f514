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
import dev.spotburst.functions.state.NodeTransition;
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
    private final dev.spotburst.functions.capacity.CapacityCooldowns cooldowns;

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
        this.cooldowns = new dev.spotburst.functions.capacity.CapacityCooldowns(store);
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
        // Mark every group's nodes at once (a transactional batch per group, each node keeping its own condition);
        // a RESUMING node left by an earlier attempt is relaunched as it is.
        var groups = List.copyOf(byGroup.keySet());
        var marking = calls.start(groups, g -> mark(byGroup.get(g), unique, now));
        var commands = new ArrayList<CommandMessage>();
        var started = new ArrayList<GroupLauncher.Started>();
        try {
            var heartbeat = store.reconcilerHeartbeat();
            // Launch each group as soon as its own nodes are marked; bindings run while the next group launches.
            for (int gi = 0; gi < groups.size(); gi++) {
                var marked = marking.get(gi);
                var nodes = new ArrayList<NodeRecord>();
                for (int i = 0; i < marked.size(); i++) {
                    if (marked.get(i) == null) {
                        busy.add(byGroup.get(groups.get(gi)).get(i).node()); // changed since it was read
                    } else {
                        nodes.add(marked.get(i));
                    }
                }
                if (nodes.isEmpty()) {
                    continue;
                }
                var group = config.nodeGroup(groups.get(gi)).orElseThrow();
                var blocked = LaunchInterlock.blocked(store.group(group.id()), heartbeat,
                        config.plugin().spotburst().reconcileIntervalSeconds(), now);
                if (blocked.isPresent()) {
                    fail(config.clusterName(), nodes, blocked.get(), now, failed, commands);
                } else {
                    started.add(launcher.start(config.clusterName(), config.plugin().spotburst().nodeNameTags(), group, nodes, now));
                }
            }
            for (var s : started) {
                finish(config, s, launched, failed, commands);
            }
        } catch (RuntimeException ex) {
            // Nothing may still be running once we return (a Lambda container is frozen then).
            marking.await();
            started.forEach(GroupLauncher.Started::await);
            throw ex;
        }
        if (!commands.isEmpty()) {
            slurm.send(commands);
        }
        return new Result(launched, failed, skipped, busy);
    }

    /**
     * Marks one group's nodes RESUMING (or records a newer request time on a RESUMING node) in one
     * {@link StateStore#transitionAll}; result {@code i} is the record now stored for node {@code i}, or null when
     * that node changed since it was read.
     */
    private List<NodeRecord> mark(List<NodeRecord> recs, Map<NodeName, NodeRequest> unique, Instant now) {
        var out = new ArrayList<NodeRecord>(recs);
        var writes = new ArrayList<NodeTransition>();
        var at = new ArrayList<Integer>();
        for (int i = 0; i < recs.size(); i++) {
            var rec = recs.get(i);
            var issuedAt = unique.get(rec.node()).issuedAt();
            NodeRecord next;
            if (rec.state() == NodeState.RESUMING) {
                if (!rec.isNewerRequest(issuedAt)) {
                    continue; // stored as it is
                }
                next = rec.requestSeen(issuedAt);
            } else {
                next = rec.resuming(now, issuedAt);
            }
            writes.add(new NodeTransition(rec, next));
            at.add(i);
            out.set(i, next);
        }
        var ok = writes.isEmpty() ? List.<Boolean>of() : store.transitionAll(writes);
        for (int k = 0; k < ok.size(); k++) {
            if (!ok.get(k)) {
                out.set(at.get(k), null);
            }
        }
        return out;
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
            // Dry pools: hold the group's other powered-down nodes DOWN for its cooldown (CapacityCooldown).
            cooldowns.afterLaunch(config.clusterName(), group, result.errors(),
                    result.unlaunched().stream().map(NodeRecord::node).toList(), started.now()).ifPresent(commands::add);
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
        var ok = store.transitionAll(nodes.stream().map(rec -> new NodeTransition(rec, rec.failed(reason, now))).toList());
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
