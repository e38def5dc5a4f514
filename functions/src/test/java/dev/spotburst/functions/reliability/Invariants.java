package dev.spotburst.functions.reliability;

import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold once a schedule has quiesced, checked against the emulator's instances and Spot requests, the
 * state table and the commands sent to Slurm. Returns every violation (empty when all hold), each one line.
 */
final class Invariants {
    /** States in which the record claims its instance: that instance must exist and be alive. */
    static final Set<NodeState> HOLDING = EnumSet.of(NodeState.RESUMING, NodeState.LAUNCHED, NodeState.READY,
            NodeState.HIBERNATING, NodeState.HIBERNATED, NodeState.SUSPENDING, NodeState.INTERRUPTED);

    private Invariants() {
    }

    static boolean live(InstanceView i) {
        return !"shutting-down".equals(i.state()) && !"terminated".equals(i.state());
    }

    static List<String> check(ReliabilityWorld w) {
        var out = new ArrayList<String>();
        var records = new HashMap<NodeName, NodeRecord>();
        ReliabilityWorld.CONFIG.nodeGroups().forEach(g -> w.realStore.nodes(g.id()).forEach(r -> records.put(r.node(), r)));
        var instances = w.emu.control().instances();
        var byId = instances.stream().collect(Collectors.toMap(InstanceView::instanceId, i -> i));
        List<SpotRequestView> spot = w.ec2.clusterSpotRequests(ReliabilityWorld.CONFIG.clusterName());

        if (!w.pending.isEmpty()) {
            out.add("queue not drained: " + w.pending.stream().map(m -> m.queued().messageId()).toList());
        }
        if (!w.slurm.parked().isEmpty()) {
            out.add("valid requests dead-lettered: " + w.slurm.parked());
        }
        var nameAtBoot = namesAtBoot(w, instances);
        // I1: no live instance without exactly one owning node.
        for (var i : instances) {
            if (!live(i)) {
                continue;
            }
            var owners = records.values().stream().filter(r -> i.instanceId().equals(r.instanceId())).map(r -> r.node() + "/" + r.state()).toList();
            if (owners.size() != 1) {
                out.add("I1 instance " + i.instanceId() + " (" + i.state() + ", resolves to node=" + nameAtBoot.get(i.instanceId())
                        + ", launched " + i.launchTime() + ") owned by " + (owners.isEmpty() ? "no node" : owners));
            }
        }
        // I2: no node with two live instances, by the name each would start slurmd under (its open launch record,
        // else its node tag: NodeNameTags=launch leaves multi-node fleet instances without one).
        var liveByName = instances.stream().filter(Invariants::live).filter(i -> nameAtBoot.get(i.instanceId()) != null)
                .collect(Collectors.groupingBy(i -> nameAtBoot.get(i.instanceId())));
        liveByName.forEach((node, list) -> {
            if (list.size() > 1) {
                out.add("I2 node " + node + " has " + list.size() + " live instances: "
                        + list.stream().map(i -> i.instanceId() + "/" + i.state()).toList());
            }
        });
        // I3: a record's instance matches its state.
        for (var r : records.values()) {
            var inst = r.instanceId() == null ? null : byId.get(r.instanceId());
            if (HOLDING.contains(r.state()) && r.instanceId() != null && (inst == null || !live(inst))) {
                out.add("I3 node " + r.node() + " is " + r.state() + " bound to " + r.instanceId() + " which is "
                        + (inst == null ? "unknown to EC2" : inst.state()));
            }
            if (r.state() == NodeState.POWERED_DOWN && r.instanceId() != null) {
                out.add("I3 node " + r.node() + " is POWERED_DOWN but still records " + r.instanceId());
            }
            if (r.state() == NodeState.FAILED && inst != null && live(inst)) {
                out.add("I3 node " + r.node() + " is FAILED but its instance " + r.instanceId() + " is still "
                        + inst.state() + " (never reclaimed; owned, so never swept)");
            }
        }
        // I3b: no live Spot request that no holding node owns (a persistent request would relaunch forever).
        for (var s : spot) {
            if (!s.live()) {
                continue;
            }
            boolean owned = records.values().stream().anyMatch(r -> s.spotRequestId().equals(r.spotRequestId())
                    && HOLDING.contains(r.state()));
            if (!owned) {
                out.add("I3b spot request " + s.spotRequestId() + " (" + s.state() + ", instance " + s.instanceId()
                        + ") is live but no running node owns it");
            }
        }
        // I4: every node ends as its newest request asked, or (resume) was reported to Slurm as failed.
        var newest = new HashMap<String, ReliabilityWorld.Message>();
        for (var m : w.all) {
            for (var n : m.nodes()) {
                var prev = newest.get(n);
                if (prev == null || !m.issuedAt().isBefore(prev.issuedAt())) {
                    newest.put(n, m);
                }
            }
        }
        for (var name : ReliabilityWorld.nodeNames()) {
            var node = NodeName.parse(name);
            var r = records.getOrDefault(node, NodeRecord.initial(node));
            var m = newest.get(name);
            boolean wantUp = m != null && m.kind() == PowerSaveRequest.Kind.RESUME;
            if (wantUp) {
                boolean satisfied = (r.state() == NodeState.LAUNCHED || r.state() == NodeState.READY)
                        && r.instanceId() != null && byId.containsKey(r.instanceId()) && live(byId.get(r.instanceId()));
                boolean reported = r.state() == NodeState.FAILED && reportedDown(w.slurm.sent, name, r);
                if (!satisfied && !reported) {
                    out.add("I4 " + name + ": newest request is resume (m-" + m.seq() + ") but the node is " + r.state()
                            + (r.state() == NodeState.FAILED ? " with no NodeDown/POWER_DOWN_FORCE sent at " + r.stateSince()
                            + " (reason: " + r.reason() + ")" : "") + (r.instanceId() == null ? "" : ", instance " + r.instanceId()));
                }
            } else if (r.state() != NodeState.POWERED_DOWN) {
                out.add("I4 " + name + ": newest request is " + (m == null ? "none" : m.kind().wire() + " (m-" + m.seq() + ")")
                        + " but the node is " + r.state() + (r.instanceId() == null ? "" : " with " + r.instanceId()));
            }
        }
        return out;
    }

    /**
     * Accounting (the cost report reads LAUNCH items): every instance a node holds has a launch record, and the
     * launch record of an instance that is gone is closed. Read straight from the table (the port has no reader).
     */
    static List<String> accounting(ReliabilityWorld w) {
        var out = new ArrayList<String>();
        var items = w.ddb().dynamoDbClient().scanPaginator(b -> b.tableName(w.table())).items().stream()
                .filter(i -> i.get("pk").s().startsWith("LAUNCH#")).toList();
        var byInstance = items.stream().collect(Collectors.toMap(i -> i.get("pk").s().substring("LAUNCH#".length()), i -> i));
        var instances = w.emu.control().instances().stream().collect(Collectors.toMap(InstanceView::instanceId, i -> i));
        ReliabilityWorld.CONFIG.nodeGroups().forEach(g -> w.realStore.nodes(g.id()).forEach(r -> {
            if (r.instanceId() != null && HOLDING.contains(r.state()) && r.state() != NodeState.RESUMING
                    && !byInstance.containsKey(r.instanceId())) {
                out.add("I5 node " + r.node() + " holds " + r.instanceId() + " (" + r.state() + ") with no launch record");
            }
        }));
        byInstance.forEach((id, item) -> {
            var inst = instances.get(id);
            if ((inst == null || !live(inst)) && !item.containsKey("endedAt")) {
                out.add("I5 launch record of " + id + " (node " + item.get("node").s() + ") still open but the instance is "
                        + (inst == null ? "unknown to EC2" : inst.state()));
            }
        });
        return out;
    }

    /**
     * The node name each instance would learn at boot: the {@code node} of its launch record ({@code LAUNCH#<id>})
     * unless closed, else its {@code spotburst:node} tag; absent when neither names one.
     */
    static Map<String, String> namesAtBoot(ReliabilityWorld w, List<InstanceView> instances) {
        var open = launchItems(w).entrySet().stream().filter(e -> !e.getValue().containsKey("endedAt"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("node").s()));
        var out = new HashMap<String, String>();
        for (var i : instances) {
            var name = open.getOrDefault(i.instanceId(), i.tags().get(LaunchTags.NODE));
            if (name != null) {
                out.put(i.instanceId(), name);
            }
        }
        return out;
    }

    static Map<String, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> launchItems(ReliabilityWorld w) {
        return w.ddb().dynamoDbClient().scanPaginator(b -> b.tableName(w.table())).items().stream()
                .filter(i -> i.get("pk").s().startsWith("LAUNCH#"))
                .collect(Collectors.toMap(i -> i.get("pk").s().substring("LAUNCH#".length()), i -> i));
    }

    /** A NodeDown or POWER_DOWN_FORCE naming the node, sent with the failure (same time as the FAILED record). */
    static boolean reportedDown(List<CommandMessage> sent, String node, NodeRecord r) {
        for (var c : sent) {
            String nodes = switch (c.command()) {
                case SlurmCommand.NodeDown d -> d.nodes();
                case SlurmCommand.NodePowerDown p when p.mode() == SlurmCommand.PowerDownMode.POWER_DOWN_FORCE -> p.nodes();
                default -> null;
            };
            if (nodes != null && c.issuedAt().equals(r.stateSince()) && Hostlist.expand(nodes).contains(node)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Long> statesOf(ReliabilityWorld w) {
        var out = new java.util.TreeMap<String, Long>();
        ReliabilityWorld.CONFIG.nodeGroups().forEach(g -> w.realStore.nodes(g.id()).forEach(r -> out.merge(r.state().name(), 1L, Long::sum)));
        return out;
    }
}
