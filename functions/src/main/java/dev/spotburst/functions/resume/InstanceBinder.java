package dev.spotburst.functions.resume;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.LaunchedInstance;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
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
 * batch that gets the same fleet result binds the same way), then tags and records them. An instance whose node
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

    /** A binding under way: the node and instance pairs, and their concurrent writes. */
    static final class Binding {
        private final List<LaunchedInstance> instances;
        private final int pairs;
        private final ParallelCalls.Pending<NodeRecord> writes;

        private Binding(List<LaunchedInstance> instances, int pairs, ParallelCalls.Pending<NodeRecord> writes) {
            this.instances = instances;
            this.pairs = pairs;
            this.writes = writes;
        }

        /** Waits for the writes, ignoring failures (the caller is failing for another reason). */
        void await() {
            writes.await();
        }
    }

    /**
     * Binds as many nodes as there are instances; returns the nodes bound. {@code perNodeTagsAtLaunch} says
     * whether the launch already carried each node's own tags (RunInstances) or only fleet-wide ones.
     */
    List<NodeRecord> bind(String cluster, NodeGroupConfig group, List<NodeRecord> nodes,
                          List<LaunchedInstance> launched, boolean perNodeTagsAtLaunch, Instant now) {
        return finish(start(cluster, group, nodes, launched, perNodeTagsAtLaunch, now));
    }

    /**
     * Describes the instances, then starts each node's binding (conditional write, then tags) — they are
     * independent of each other and run concurrently — and returns without waiting, so the caller can launch the
     * next group meanwhile. {@link #finish} must follow.
     */
    Binding start(String cluster, NodeGroupConfig group, List<NodeRecord> nodes, List<LaunchedInstance> launched,
                  boolean perNodeTagsAtLaunch, Instant now) {
        var sortedNodes = nodes.stream().sorted(Comparator.comparing(NodeRecord::node)).toList();
        var sortedInstances = launched.stream().sorted(Comparator.comparing(LaunchedInstance::instanceId)).toList();
        Map<String, InstanceView> views = sortedInstances.isEmpty() ? Map.of()
                : inventory.describe(sortedInstances.stream().map(LaunchedInstance::instanceId).toList()).stream()
                .collect(Collectors.toMap(InstanceView::instanceId, Function.identity(), (a, b) -> a));
        int pairs = Math.min(sortedNodes.size(), sortedInstances.size());
        var writes = calls.start(IntStream.range(0, pairs).boxed().toList(), i -> bindOne(cluster, group,
                sortedNodes.get(i), sortedInstances.get(i), views.get(sortedInstances.get(i).instanceId()),
                perNodeTagsAtLaunch, now));
        return new Binding(sortedInstances, pairs, writes);
    }

    /** Waits for the bindings, reclaims instances no node took, and returns the nodes bound. */
    List<NodeRecord> finish(Binding b) {
        var results = b.writes.join();
        var unowned = new ArrayList<LaunchedInstance>(b.instances.subList(b.pairs, b.instances.size()));
        var bound = new ArrayList<NodeRecord>();
        var launches = new ArrayList<LaunchRecord>();
        for (int i = 0; i < b.pairs; i++) {
            var rec = results.get(i);
            if (rec == null) {
                unowned.add(b.instances.get(i));
            } else {
                bound.add(rec);
                launches.add(new LaunchRecord(rec.instanceId(), rec.node(), rec.market(), rec.instanceType(),
                        rec.availabilityZone(), rec.stateSince(), null));
            }
        }
        // Each instance was bound by a conditional transition that succeeds once: batched, unconditional records.
        store.recordBoundLaunches(launches);
        reclaim(unowned);
        return bound;
    }

    /** The bound record, or null when the node moved on meanwhile (its instance is then reclaimed). */
    private NodeRecord bindOne(String cluster, NodeGroupConfig group, NodeRecord rec, LaunchedInstance li,
                               InstanceView view, boolean perNodeTagsAtLaunch, Instant now) {
        var binding = new InstanceBinding(li.instanceId(),
                li.spotRequestId() != null ? li.spotRequestId() : view == null ? null : view.spotRequestId(),
                li.market(), li.instanceType(), view == null ? null : view.availabilityZone(),
                view == null ? null : view.privateIp());
        var next = rec.launched(binding, now);
        if (!store.transition(rec, next)) {
            log.warn("node {} changed while instance {} launched for it; reclaiming the instance", rec.node(), li.instanceId());
            return null;
        }
        tag(cluster, group, next, view, perNodeTagsAtLaunch);
        return next;
    }

    private void tag(String cluster, NodeGroupConfig group, NodeRecord rec, InstanceView view, boolean atLaunch) {
        var all = LaunchTags.forNode(cluster, group, rec.node());
        List<LaunchTag> toWrite = (atLaunch ? all.stream().filter(LaunchTag::needsInstanceFacts).toList() : all).stream()
                .map(t -> t.needsInstanceFacts() ? t.fill(view == null ? null : view.privateIp(),
                        view == null ? null : view.privateDnsName()) : t)
                .toList();
        try {
            capacity.tag(rec.instanceId(), toWrite);
        } catch (RuntimeException e) {
            // The node is bound and recorded; the reconciler re-tags instances missing their node tag.
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
