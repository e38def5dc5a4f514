package dev.spotburst.functions.resume;

import dev.spotburst.config.NodeGroupConfig;
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

    Result launch(String cluster, NodeGroupConfig group, List<NodeRecord> nodes, Instant now) {
        var remaining = new ArrayList<>(nodes.stream().sorted(Comparator.comparing(NodeRecord::node)).toList());
        var bound = new ArrayList<NodeRecord>();
        var errors = new ArrayList<LaunchError>();
        // Same nodes at the same record versions give the same client tokens: a retried batch is idempotent.
        String key = remaining.stream().map(r -> r.node() + "@" + r.version()).collect(Collectors.joining(","));
        if (group.hibernates()) {
            var exhausted = new HashSet<Pool>();
            for (var rec : List.copyOf(remaining)) {
                var got = perNode(cluster, group, rec, Market.SPOT, exhausted, errors, key, now);
                if (got.isEmpty() && group.spotburst().fallbackToOnDemand()) {
                    got = perNode(cluster, group, rec, Market.ON_DEMAND, new HashSet<>(), errors, key, now);
                }
                got.ifPresent(b -> {
                    bound.add(b);
                    remaining.remove(rec);
                });
            }
        } else {
            fleet(cluster, group, group.purchasingOption(), remaining, bound, errors, key, now);
            if (!remaining.isEmpty() && group.purchasingOption() == Market.SPOT && group.spotburst().fallbackToOnDemand()) {
                fleet(cluster, group, Market.ON_DEMAND, remaining, bound, errors, key, now);
            }
        }
        return new Result(bound, remaining, errors);
    }

    private void fleet(String cluster, NodeGroupConfig group, Market market, List<NodeRecord> remaining,
                       List<NodeRecord> bound, List<LaunchError> errors, String key, Instant now) {
        var plan = LaunchPlanner.fleet(cluster, group, market, remaining.stream().map(NodeRecord::node).toList(), key);
        var outcome = capacity.launch(plan);
        errors.addAll(outcome.errors());
        var got = binder.bind(cluster, group, remaining, outcome.instances(), false, now);
        var gotNodes = got.stream().map(NodeRecord::node).collect(Collectors.toSet());
        remaining.removeIf(r -> gotNodes.contains(r.node()));
        bound.addAll(got);
        throwIfOnlyThrottled(remaining, outcome.errors(), "CreateFleet");
    }

    private java.util.Optional<NodeRecord> perNode(String cluster, NodeGroupConfig group, NodeRecord rec, Market market,
                                                   Set<Pool> exhausted, List<LaunchError> errors, String key, Instant now) {
        for (var pool : LaunchPlanner.pools(group)) {
            if (exhausted.contains(pool)) {
                continue;
            }
            var outcome = capacity.launch(LaunchPlanner.instance(cluster, group, rec.node(), market, pool, key));
            if (!outcome.instances().isEmpty()) {
                var got = binder.bind(cluster, group, List.of(rec), outcome.instances(), true, now);
                return got.stream().findFirst();
            }
            errors.addAll(outcome.errors());
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
