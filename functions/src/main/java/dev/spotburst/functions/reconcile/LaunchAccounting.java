package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.NodeState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Repairs the cost report's input, which is written after the node transitions and so is lost when an invocation
 * dies in between: a node holding an instance gets its missing launch record, and a record still open for an
 * instance EC2 reports gone is closed. Pure: which records to read, then what to do given what was read.
 * Terminated instances stay listed by EC2 for about an hour, so a close is repaired within that window.
 */
public final class LaunchAccounting {
    private LaunchAccounting() {
    }

    /** Instances whose launch records the pass reads: bound ones (not mid-binding) and gone ones EC2 still lists. */
    public static List<String> candidates(Collection<NodeRecord> nodes, Collection<InstanceView> instances) {
        var ids = new TreeSet<String>();
        nodes.forEach(r -> {
            if (bound(r)) {
                ids.add(r.instanceId());
            }
        });
        instances.forEach(i -> {
            if (i.gone()) {
                ids.add(i.instanceId());
            }
        });
        return List.copyOf(ids);
    }

    /** @param open launch records read for {@link #candidates}: instance id → still open; absent = no record */
    public static List<ReconcileAction> plan(Collection<NodeRecord> nodes, Collection<InstanceView> instances,
                                             Map<String, Boolean> open) {
        Map<String, InstanceView> byId = instances.stream()
                .collect(Collectors.toMap(InstanceView::instanceId, Function.identity(), (a, b) -> a));
        var actions = new ArrayList<ReconcileAction>();
        var recreated = new TreeSet<String>();
        nodes.stream().filter(LaunchAccounting::bound).sorted(java.util.Comparator.comparing(NodeRecord::node))
                .forEach(r -> {
                    if (open.containsKey(r.instanceId())) {
                        return;
                    }
                    var i = byId.get(r.instanceId());
                    var launchedAt = i != null && i.launchTime() != null ? i.launchTime() : r.stateSince();
                    boolean gone = i == null || i.gone();
                    actions.add(new ReconcileAction.RecordLaunch(new LaunchRecord(r.instanceId(), r.node(), r.market(),
                            r.instanceType(), r.availabilityZone(), launchedAt, null), gone));
                    recreated.add(r.instanceId());
                });
        instances.stream().filter(InstanceView::gone).map(InstanceView::instanceId).sorted().forEach(id -> {
            if (Boolean.TRUE.equals(open.get(id)) && !recreated.contains(id)) {
                actions.add(new ReconcileAction.CloseLaunch(id));
            }
        });
        return actions;
    }

    /** Holds an instance whose binding is complete (RESUMING may still be writing its record). */
    private static boolean bound(NodeRecord r) {
        return r.instanceId() != null && r.state() != NodeState.RESUMING;
    }
}
