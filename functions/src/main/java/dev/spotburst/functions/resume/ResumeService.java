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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resume: mark nodes RESUMING (conditional), launch one request per node group for the whole batch, bind what
 * came back, and fail the rest at once with EC2's error code so Slurm requeues their jobs now instead of after
 * ResumeTimeout.
 */
public final class ResumeService {
    private static final Logger log = LoggerFactory.getLogger(ResumeService.class);

    public record Result(Set<NodeName> launched, Set<NodeName> failed, Set<NodeName> skipped, Set<NodeName> busy) {
    }

    private final StateStore store;
    private final LaunchCapacity capacity;
    private final SlurmCommands slurm;
    private final GroupLauncher launcher;

    public ResumeService(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, SlurmCommands slurm) {
        this.store = store;
        this.capacity = capacity;
        this.slurm = slurm;
        this.launcher = new GroupLauncher(capacity, new InstanceBinder(store, capacity, inventory));
    }

    /** Every node must belong to {@code config} (callers validate). */
    public Result resume(ClusterConfig config, List<NodeRequest> requests, Instant now) {
        var launched = new TreeSet<NodeName>();
        var failed = new TreeSet<NodeName>();
        var skipped = new TreeSet<NodeName>();
        var busy = new TreeSet<NodeName>();
        var byGroup = new TreeMap<NodeGroupId, List<NodeRecord>>();
        for (var req : requests) {
            var rec = store.node(req.node());
            switch (ResumeDecision.decide(rec, req.issuedAt())) {
                case MARK -> {
                    var next = rec.resuming(now, req.issuedAt());
                    if (store.transition(rec, next)) {
                        byGroup.computeIfAbsent(req.node().group(), g -> new ArrayList<>()).add(next);
                    } else {
                        busy.add(req.node());
                    }
                }
                case RELAUNCH -> byGroup.computeIfAbsent(req.node().group(), g -> new ArrayList<>()).add(rec);
                case SKIP -> skipped.add(req.node());
                case BUSY -> busy.add(req.node());
            }
        }
        var heartbeat = store.reconcilerHeartbeat();
        var commands = new ArrayList<CommandMessage>();
        for (var e : byGroup.entrySet()) {
            var group = config.nodeGroup(e.getKey()).orElseThrow();
            var unique = e.getValue().stream().collect(Collectors.toMap(NodeRecord::node, r -> r, (a, b) -> a, TreeMap::new));
            var nodes = List.copyOf(unique.values());
            var blocked = LaunchInterlock.blocked(store.group(group.id()), heartbeat,
                    config.plugin().spotburst().reconcileIntervalSeconds(), now);
            if (blocked.isPresent()) {
                fail(config.clusterName(), nodes, blocked.get(), now, failed, commands);
                continue;
            }
            var result = launcher.launch(config.clusterName(), group, nodes, now);
            result.bound().forEach(r -> launched.add(r.node()));
            if (!result.unlaunched().isEmpty()) {
                String reason = reason(config, result.errors(), nodes.size(), result.bound().size());
                noteCapacityErrors(group.id(), reason, now);
                fail(config.clusterName(), result.unlaunched(), reason, now, failed, commands);
            }
            log.info("resume {}: wanted={} launched={} failed={}", group.id(), nodes.size(), result.bound().size(),
                    result.unlaunched().size());
        }
        if (!commands.isEmpty()) {
            slurm.send(commands);
        }
        return new Result(launched, failed, skipped, busy);
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
        var down = new ArrayList<NodeName>();
        var cause = new StringBuilder("resume-failed");
        for (var rec : nodes) {
            if (store.transition(rec, rec.failed(reason, now))) {
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
