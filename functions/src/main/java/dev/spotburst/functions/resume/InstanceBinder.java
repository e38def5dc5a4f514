package dev.spotburst.functions.resume;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeNameTags;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.LaunchedInstance;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.NodeTransition;
import dev.spotburst.functions.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Binds launched instances to RESUMING nodes: sorted nodes take sorted instance ids (deterministic, so a retried
 * batch that gets the same fleet result binds the same way), records each launch (the instance → node lookup),
 * then moves each node to LAUNCHED and tags its instance only where the launch could not. An instance whose node
 * moved on meanwhile (suspended by a later request) is reclaimed at once.
 */
final class InstanceBinder {
    private static final Logger log = LoggerFactory.getLogger(InstanceBinder.class);

    private final StateStore store;
    private final LaunchCapacity capacity;
    private final InstanceInventory inventory;
    private final ParallelCalls calls;

    InstanceBinder(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, ParallelCalls calls) {
        this.store = store;
        this.capacity = capacity;
        this.inventory = inventory;
        this.calls = calls;
    }

    /** A binding under way: the node and instance pairs, their batched conditional writes, and what tagging needs. */
    static final class Binding {
        private final List<LaunchedInstance> instances;
        private final int pairs;
        /** One result: per pair the bound record, or null when the node moved on. */
        private final ParallelCalls.Pending<List<NodeRecord>> writes;
        private final Instant now;
        private final java.util.function.Consumer<NodeRecord> tagger;

        private Binding(List<LaunchedInstance> instances, int pairs, ParallelCalls.Pending<List<NodeRecord>> writes,
                        Instant now, java.util.function.Consumer<NodeRecord> tagger) {
            this.instances = instances;
            this.pairs = pairs;
            this.writes = writes;
            this.now = now;
            this.tagger = tagger;
        }

        /** Waits for the writes, ignoring failures (the caller is failing for another reason). */
        void await() {
            writes.await();
        }
    }

    /** How the launch tagged its instances, and what the cluster wants tagged after it. */
    record Tagging(NodeNameTags mode, boolean nodeTagsAtLaunch) {
    }

    /** Binds as many nodes as there are instances; returns the nodes bound. */
    List<NodeRecord> bind(String cluster, NodeGroupConfig group, List<NodeRecord> nodes,
                          List<LaunchedInstance> launched, Tagging tagging, Instant now) {
        return finish(start(cluster, group, nodes, launched, tagging, now));
    }

    /**
     * Describes the instances and writes each pair's launch record ({@code LAUNCH#<instanceId>} → node: how the
     * compute node learns its name, so it exists before the node is LAUNCHED), then starts the nodes' bindings (one
     * batch of conditional writes; {@link #finish} adds CreateTags only if {@link LaunchTags#afterLaunch} leaves any)
     * and returns without waiting, so the caller can launch the next group meanwhile. {@link #finish} must follow.
     */
    Binding start(String cluster, NodeGroupConfig group, List<NodeRecord> nodes, List<LaunchedInstance> launched,
                  Tagging tagging, Instant now) {
        var sortedNodes = nodes.stream().sorted(Comparator.comparing(NodeRecord::node)).toList();
        var sortedInstances = launched.stream().sorted(Comparator.comparing(LaunchedInstance::instanceId)).toList();
        Map<String, InstanceView> views = sortedInstances.isEmpty() ? Map.of()
                : inventory.describe(sortedInstances.stream().map(LaunchedInstance::instanceId).toList()).stream()
                .collect(Collectors.toMap(InstanceView::instanceId, Function.identity(), (a, b) -> a));
        int pairs = Math.min(sortedNodes.size(), sortedInstances.size());
        var bindings = IntStream.range(0, pairs).mapToObj(i -> binding(sortedInstances.get(i),
                views.get(sortedInstances.get(i).instanceId()))).toList();
        recordLaunches(IntStream.range(0, pairs).mapToObj(i -> new LaunchRecord(bindings.get(i).instanceId(),
                sortedNodes.get(i).node(), bindings.get(i).market(), bindings.get(i).instanceType(),
                bindings.get(i).availabilityZone(), now, null)).toList());
        // All pairs in one StateStore.transitionAll (transactions of up to 100, each node keeping its own condition),
        // on the pool: the caller launches the next group meanwhile.
        var writes = calls.startOne(() -> bindAll(sortedNodes.subList(0, pairs), bindings, now));
        var byInstance = views;
        return new Binding(sortedInstances, pairs, writes, now,
                rec -> tag(cluster, group, rec, byInstance.get(rec.instanceId()), tagging));
    }

    /**
     * Launch records are written once per instance, unconditionally and batched (25 per BatchWriteItem, the
     * batches concurrently): an instance is paired with one node, and a retried batch pairs it the same way.
     */
    private void recordLaunches(List<LaunchRecord> launches) {
        if (launches.isEmpty()) {
            return;
        }
        var chunks = new ArrayList<List<LaunchRecord>>();
        for (int i = 0; i < launches.size(); i += LAUNCH_BATCH) {
            chunks.add(launches.subList(i, Math.min(launches.size(), i + LAUNCH_BATCH)));
        }
        calls.map(chunks, c -> {
            store.recordBoundLaunches(c);
            return Boolean.TRUE;
        });
    }

    /** DynamoDB BatchWriteItem's limit. */
    private static final int LAUNCH_BATCH = 25;

    /** Waits for the bindings, reclaims instances no node took, and returns the nodes bound. */
    List<NodeRecord> finish(Binding b) {
        var results = b.writes.get(0);
        var unowned = new ArrayList<LaunchedInstance>(b.instances.subList(b.pairs, b.instances.size()));
        var bound = new ArrayList<NodeRecord>();
        for (int i = 0; i < b.pairs; i++) {
            var rec = results.get(i);
            if (rec == null) {
                unowned.add(b.instances.get(i));
                // Its launch record named a node that moved on: closed, so the instance does not take that name.
                store.closeLaunch(b.instances.get(i).instanceId(), b.now);
            } else {
                bound.add(rec);
            }
        }
        // CreateTags only where the launch could not tag (LaunchTags.afterLaunch), concurrently.
        calls.map(bound, rec -> {
            b.tagger.accept(rec);
            return Boolean.TRUE;
        });
        reclaim(unowned);
        return bound;
    }

    private static InstanceBinding binding(LaunchedInstance li, InstanceView view) {
        return new InstanceBinding(li.instanceId(),
                li.spotRequestId() != null ? li.spotRequestId() : view == null ? null : view.spotRequestId(),
                li.market(), li.instanceType(), view == null ? null : view.availabilityZone(),
                view == null ? null : view.privateIp());
    }

    /** Per pair the bound record, or null when the node moved on meanwhile (its instance is then reclaimed). */
    private List<NodeRecord> bindAll(List<NodeRecord> nodes, List<InstanceBinding> bindings, Instant now) {
        var nexts = IntStream.range(0, nodes.size()).mapToObj(i -> nodes.get(i).launched(bindings.get(i), now)).toList();
        var written = nexts.isEmpty() ? List.<Boolean>of() : store.transitionAll(IntStream.range(0, nodes.size())
                .mapToObj(i -> new NodeTransition(nodes.get(i), nexts.get(i))).toList());
        var out = new ArrayList<NodeRecord>(nexts.size());
        for (int i = 0; i < nexts.size(); i++) {
            if (written.get(i)) {
                out.add(nexts.get(i));
            } else {
                log.warn("node {} changed while instance {} launched for it; reclaiming the instance",
                        nodes.get(i).node(), bindings.get(i).instanceId());
                out.add(null);
            }
        }
        return out;
    }

    private void tag(String cluster, NodeGroupConfig group, NodeRecord rec, InstanceView view, Tagging tagging) {
        List<LaunchTag> toWrite = LaunchTags.afterLaunch(cluster, group, rec.node(), tagging.mode(),
                        tagging.nodeTagsAtLaunch()).stream()
                .map(t -> t.needsInstanceFacts() ? t.fill(view == null ? null : view.privateIp(),
                        view == null ? null : view.privateDnsName()) : t)
                .toList();
        if (toWrite.isEmpty()) {
            return; // the launch carried every tag this instance gets: no per-instance call
        }
        try {
            capacity.tag(rec.instanceId(), toWrite);
        } catch (RuntimeException e) {
            // The node is bound and recorded; the reconciler re-tags where a node tag is expected.
            log.warn("tagging {} for {} failed: {}", rec.instanceId(), rec.node(), e.toString());
        }
    }

    void reclaim(List<LaunchedInstance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        var spot = instances.stream().map(LaunchedInstance::spotRequestId).filter(s -> s != null).toList();
        if (!spot.isEmpty()) {
            inventory.cancelSpotRequests(spot);
        }
        inventory.terminate(instances.stream().map(LaunchedInstance::instanceId).toList());
    }
}
