package dev.spotburst.functions.resume;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeNameTags;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.launch.LaunchPlanner;
import dev.spotburst.functions.launch.Pool;
import dev.spotburst.functions.launch.ThrottledException;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.Market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Launches capacity for RESUMING nodes of one group: an instant fleet across all pools (terminate-behaviour and
 * On-Demand groups), or one persistent Spot request per node trying pools in order (hibernating groups); then
 * On-Demand for what Spot could not supply, if the group allows it.
 */
final class GroupLauncher {

    record Result(List<NodeRecord> bound, List<NodeRecord> unlaunched, List<LaunchError> errors) {
    }

    private final LaunchCapacity capacity;
    private final InstanceBinder binder;

    GroupLauncher(LaunchCapacity capacity, InstanceBinder binder) {
        this.capacity = capacity;
        this.binder = binder;
    }

    /** A group launch whose first launch call is sent; its bindings may still be running. */
    static final class Started {
        private final String cluster;
        private final NodeNameTags mode;
        private final NodeGroupConfig group;
        private final String key;
        private final Instant now;
        private final List<NodeRecord> remaining;
        private final List<NodeRecord> bound = new ArrayList<>();
        private final List<LaunchError> errors = new ArrayList<>();
        private InstanceBinder.Binding binding;
        private List<LaunchError> firstErrors = List.of();

        private Started(String cluster, NodeNameTags mode, NodeGroupConfig group, List<NodeRecord> nodes, Instant now) {
            this.cluster = cluster;
            this.mode = mode;
            this.group = group;
            this.now = now;
            this.remaining = new ArrayList<>(nodes.stream().sorted(Comparator.comparing(NodeRecord::node)).toList());
            // Same nodes at the same record versions give the same client tokens: a retried batch is idempotent.
            this.key = remaining.stream().map(r -> r.node() + "@" + r.version()).collect(Collectors.joining(","));
        }

        NodeGroupConfig group() {
            return group;
        }

        Instant now() {
            return now;
        }

        /** Waits for bindings still running, ignoring their failures (the caller is failing for another reason). */
        void await() {
            if (binding != null) {
                binding.await();
            }
        }
    }

    /**
     * Sends the group's first launch call and starts binding what it returned, without waiting for the bindings:
     * the caller launches the next group meanwhile. Hibernating groups (one RunInstances per node, trying pools in
     * order) are launched completely here. {@link #finish} must follow.
     */
    Started start(String cluster, NodeNameTags mode, NodeGroupConfig group, List<NodeRecord> nodes, Instant now) {
        var s = new Started(cluster, mode, group, nodes, now);
        if (group.hibernates()) {
            var exhausted = new HashSet<Pool>();
            for (var rec : List.copyOf(s.remaining)) {
                var got = perNode(s, rec, Market.SPOT, exhausted);
                if (got.isEmpty() && group.spotburst().fallbackToOnDemand()) {
                    got = perNode(s, rec, Market.ON_DEMAND, new HashSet<>());
                }
                got.ifPresent(b -> {
                    s.bound.add(b);
                    s.remaining.remove(rec);
                });
            }
            return s;
        }
        var plan = LaunchPlanner.fleet(cluster, group, group.purchasingOption(),
                s.remaining.stream().map(NodeRecord::node).toList(), s.key);
        var outcome = capacity.launch(plan);
        s.errors.addAll(outcome.errors());
        s.firstErrors = outcome.errors();
        s.binding = binder.start(cluster, group, s.remaining, outcome.instances(),
                new InstanceBinder.Tagging(mode, plan.carriesNodeTags()), now);
        return s;
    }

    /** Waits for the first launch's bindings, then fills what Spot could not supply with On-Demand if allowed. */
    Result finish(Started s) {
        if (s.binding != null) {
            absorb(s, binder.finish(s.binding));
            s.binding = null;
            throwIfOnlyThrottled(s.remaining, s.firstErrors, "CreateFleet");
            if (!s.remaining.isEmpty() && s.group.purchasingOption() == Market.SPOT
                    && s.group.spotburst().fallbackToOnDemand()) {
                var plan = LaunchPlanner.fleet(s.cluster, s.group, Market.ON_DEMAND,
                        s.remaining.stream().map(NodeRecord::node).toList(), s.key);
                var outcome = capacity.launch(plan);
                s.errors.addAll(outcome.errors());
                absorb(s, binder.bind(s.cluster, s.group, s.remaining, outcome.instances(),
                        new InstanceBinder.Tagging(s.mode, plan.carriesNodeTags()), s.now));
                throwIfOnlyThrottled(s.remaining, outcome.errors(), "CreateFleet");
            }
        }
        return new Result(List.copyOf(s.bound), List.copyOf(s.remaining), List.copyOf(s.errors));
    }

    private static void absorb(Started s, List<NodeRecord> got) {
        var gotNodes = got.stream().map(NodeRecord::node).collect(Collectors.toSet());
        s.remaining.removeIf(r -> gotNodes.contains(r.node()));
        s.bound.addAll(got);
    }

    private java.util.Optional<NodeRecord> perNode(Started s, NodeRecord rec, Market market, Set<Pool> exhausted) {
        for (var pool : LaunchPlanner.pools(s.group)) {
            if (exhausted.contains(pool)) {
                continue;
            }
            var outcome = capacity.launch(LaunchPlanner.instance(s.cluster, s.group, rec.node(), market, pool, s.key));
            if (!outcome.instances().isEmpty()) {
                // RunInstances for one node carries that node's tags.
                var got = binder.bind(s.cluster, s.group, List.of(rec), outcome.instances(),
                        new InstanceBinder.Tagging(s.mode, true), s.now);
                return got.stream().findFirst();
            }
            s.errors.addAll(outcome.errors());
            throwIfOnlyThrottled(List.of(rec), outcome.errors(), "RunInstances");
            if (outcome.errors().stream().noneMatch(LaunchError::isCapacity)) {
                return java.util.Optional.empty(); // not a capacity problem: other pools would fail the same way
            }
            // Later nodes of this batch skip a pool that just ran dry.
            exhausted.add(pool);
        }
        return java.util.Optional.empty();
    }

    /** Throttling is never a capacity shortage: the nodes stay RESUMING and the message is retried. */
    private static void throwIfOnlyThrottled(List<NodeRecord> remaining, List<LaunchError> errors, String op) {
        if (!remaining.isEmpty() && !errors.isEmpty() && errors.stream().allMatch(LaunchError::isThrottle)) {
            throw new ThrottledException(op, 1, null);
        }
    }
}
