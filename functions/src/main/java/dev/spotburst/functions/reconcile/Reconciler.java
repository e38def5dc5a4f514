package dev.spotburst.functions.reconcile;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** One reconcile pass: load the snapshot, plan, execute, write the heartbeat. */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final StateStore store;
    private final InstanceInventory inventory;
    private final ReconcileExecutor executor;

    public Reconciler(StateStore store, InstanceInventory inventory, ReconcileExecutor executor) {
        this.store = store;
        this.inventory = inventory;
        this.executor = executor;
    }

    /** A LAUNCHED node's instance reached running: act on that node alone ({@link InstanceRunningPlan}). */
    public List<ReconcileAction> instanceRunning(ClusterConfig config, dev.spotburst.functions.state.NodeRecord rec,
                                                 Instant now) {
        var group = config.nodeGroup(rec.node().group());
        if (group.isEmpty() || rec.instanceId() == null) {
            return List.of();
        }
        var instance = inventory.describe(List.of(rec.instanceId())).stream().findFirst();
        var actions = InstanceRunningPlan.plan(rec, instance, group.get(), config.plugin().spotburst().nodeNameTags(), now);
        executor.execute(config, actions, now);
        return actions;
    }

    /** @param only groups to reconcile; empty means all (the orphan sweep only runs for all) */
    public List<ReconcileAction> run(ClusterConfig config, Collection<NodeGroupId> only, Instant now) {
        var groups = config.nodeGroups().filter(g -> only.isEmpty() || only.contains(g.id())).toList();
        var nodes = new ArrayList<dev.spotburst.functions.state.NodeRecord>();
        Map<NodeGroupId, NodeGroupRecord> groupRecords = new HashMap<>();
        for (NodeGroupConfig g : groups) {
            nodes.addAll(store.nodes(g.id()));
            groupRecords.put(g.id(), store.group(g.id()));
        }
        var scoped = new ClusterConfig(config.partitions().stream().map(p -> new dev.spotburst.config.PartitionConfig(
                p.partitionName(), p.nodeGroups().stream().filter(groups::contains).toList(), p.partitionOptions()))
                .filter(p -> !p.nodeGroups().isEmpty()).toList(), config.plugin());
        var instances = inventory.clusterInstances(config.clusterName());
        // Spot requests are only swept on full runs; a scoped run must not pay for listing them all.
        var spot = only.isEmpty() ? inventory.clusterSpotRequests(config.clusterName()) : List.<SpotRequestView>of();
        var snapshot = new ReconcileSnapshot(scoped, nodes, groupRecords,
                only.isEmpty() ? instances : instances.stream().filter(i -> groups.stream()
                        .anyMatch(g -> g.id().toString().equals(i.tags().get(dev.spotburst.functions.launch.LaunchTags.NODE_GROUP)))).toList(),
                spot, store.latestSlurmSnapshot());
        var actions = new ArrayList<>(ReconcilePlanner.plan(snapshot, now));
        if (only.isEmpty()) {
            // Full runs only: one batched read of the launch records the pass could have to repair.
            var ids = LaunchAccounting.candidates(nodes, instances);
            actions.addAll(LaunchAccounting.plan(nodes, instances, ids.isEmpty() ? Map.of() : store.launchesOpen(ids)));
        }
        log.info("reconcile planned: {} {} {}", entry("nodes", nodes.size()), entry("instances", instances.size()),
                entry("actions", new java.util.TreeMap<>(ReconcilePlanner.countByKind(actions))));
        executor.execute(scoped, actions, now);
        if (only.isEmpty()) {
            store.reconcilerHeartbeat(now);
        }
        return List.copyOf(actions);
    }
}
