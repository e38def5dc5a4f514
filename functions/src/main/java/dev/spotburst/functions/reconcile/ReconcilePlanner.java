package dev.spotburst.functions.reconcile;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.capacity.CapacityCooldown;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchInterlock;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wanted against actual, decided in pure code: classify every configured node ({@link NodeClassifier}), map each
 * status to one action, and sweep instances and Spot requests no node owns once the orphan grace has passed.
 * No launch for a protected group. Slurm-based decisions (registration, timeouts, repairs) only on a fresh
 * Slurm snapshot, so a dead agent does not make healthy nodes look stuck.
 */
public final class ReconcilePlanner {
    /** ParallelCluster holds capacity-failed nodes DOWN for 600 s (insufficient_capacity_timeout) before retrying. */
    static final Duration FAILED_HOLD = Duration.ofSeconds(600);

    private ReconcilePlanner() {
    }

    public static List<ReconcileAction> plan(ReconcileSnapshot snap, Instant now) {
        var config = snap.config();
        var ext = config.plugin().spotburst();
        Duration interval = Duration.ofSeconds(Math.max(ext.reconcileIntervalSeconds(), 60));
        boolean slurmFresh = snap.slurm().map(s -> !s.takenAt().plus(LaunchInterlock.heartbeatLimit(ext.reconcileIntervalSeconds()))
                .isBefore(now)).orElse(false);
        var policy = new NodeClassifier.Policy(Duration.ofSeconds(config.plugin().resumeTimeoutSeconds()),
                Duration.ofSeconds(ext.orphanGraceSeconds()), interval.multipliedBy(2), FAILED_HOLD, slurmFresh);

        Map<String, InstanceView> byId = snap.instances().stream()
                .collect(Collectors.toMap(InstanceView::instanceId, Function.identity(), (a, b) -> a));
        Map<NodeName, NodeRecord> records = snap.nodes().stream()
                .collect(Collectors.toMap(NodeRecord::node, Function.identity(), (a, b) -> a));
        Map<String, SlurmSnapshot.Node> slurm = snap.slurm().map(s -> s.nodes().stream()
                .collect(Collectors.toMap(SlurmSnapshot.Node::name, Function.identity(), (a, b) -> a))).orElse(Map.of());
        var owned = new HashSet<String>();
        var ownedSpot = new HashSet<String>();
        records.values().forEach(r -> {
            if (r.instanceId() != null) owned.add(r.instanceId());
            if (r.spotRequestId() != null) ownedSpot.add(r.spotRequestId());
        });

        // Spot instances a rescue is moving onto an On-Demand twin (and the twins): the rescue owns both until it rebinds.
        var rescuing = new HashSet<String>();
        var twins = new HashSet<String>();
        snap.instances().stream().filter(i -> !i.gone() && i.tags().get(dev.spotburst.functions.launch.LaunchTags.RESCUED_FROM) != null
                && owned.contains(i.tags().get(dev.spotburst.functions.launch.LaunchTags.RESCUED_FROM))).forEach(i -> {
            rescuing.add(i.tags().get(dev.spotburst.functions.launch.LaunchTags.RESCUED_FROM));
            twins.add(i.instanceId());
        });

        // Indexes built once, so the pass is O(nodes + instances) rather than a scan of every instance per node.
        var unownedByNodeTag = new HashMap<String, InstanceView>();
        snap.instances().forEach(i -> {
            if (!i.gone() && i.nodeTag() != null && !owned.contains(i.instanceId())) {
                unownedByNodeTag.putIfAbsent(i.nodeTag(), i); // first in inventory order, as before
            }
        });
        var liveSpotRequests = new HashSet<String>();
        snap.spotRequests().forEach(s -> {
            if (s.live()) {
                liveSpotRequests.add(s.spotRequestId());
            }
        });

        // Multi-node fleets name their instances' nodes in DynamoDB only (NodeNameTags=launch): no tag to repair there.
        var nodeTagExpected = new HashMap<dev.spotburst.model.NodeGroupId, Boolean>();
        config.nodeGroups().forEach(g -> nodeTagExpected.put(g.id(),
                dev.spotburst.functions.launch.LaunchTags.nodeTagExpected(g, ext.nodeNameTags())));

        var actions = new ArrayList<ReconcileAction>();
        var launches = new TreeMap<dev.spotburst.model.NodeGroupId, List<NodeName>>();
        var rebound = new HashSet<String>();
        for (NodeGroupConfig group : config.nodeGroups().toList()) {
            var groupRecord = snap.groups().getOrDefault(group.id(), NodeGroupRecord.initial(group.id()));
            boolean protectedGroup = groupRecord.isProtected();
            // A capacity cooldown keeps the group's down~ nodes down until it ends (else this repair would undo it a
            // minute later), and a failed node's hold is no longer than the group's cooldown.
            boolean cooling = CapacityCooldown.holdsRepair(groupRecord, now);
            var groupPolicy = new NodeClassifier.Policy(policy.resumeTimeout(), policy.orphanGrace(),
                    policy.relaunchAfter(), CapacityCooldown.failedHold(policy.failedHold(),
                    group.spotburst().capacityCooldownSeconds()), policy.slurmFresh());
            for (NodeName node : group.nodes().toList()) {
                var rec = records.getOrDefault(node, NodeRecord.initial(node));
                if (rec.state() == dev.spotburst.model.NodeState.FAILED && rec.slurmOwed() != null) {
                    // A pass failed this node but died before telling Slurm: finish that first.
                    actions.add(new ReconcileAction.NotifySlurm(rec));
                    continue;
                }
                var instance = Optional.ofNullable(rec.instanceId()).map(byId::get);
                // Owned instances include rec's own, so "not owned" also means "not the node's current instance".
                var replacement = Optional.ofNullable(unownedByNodeTag.get(node.toString()));
                boolean alwaysOn = node.index() < group.spotburst().minNodes();
                boolean hibernateGroup = group.interruptionBehavior() == dev.spotburst.model.InterruptionBehavior.HIBERNATE;
                // Spot requests are only listed on full runs; an empty list means "not looked", not "none".
                boolean requestLive = rec.spotRequestId() == null || snap.spotRequests().isEmpty()
                        || liveSpotRequests.contains(rec.spotRequestId());
                var status = rescuing.contains(rec.instanceId()) ? NodeStatus.UNCHANGED
                        : NodeClassifier.classify(rec, instance, replacement.filter(i -> !twins.contains(i.instanceId())),
                        Optional.ofNullable(slurm.get(node.toString())), alwaysOn, hibernateGroup, requestLive,
                        nodeTagExpected.get(group.id()), groupPolicy, now);
                if (cooling && (status == NodeStatus.SLURM_DOWN_POWERED_OFF || status == NodeStatus.SLURM_DRAINED_POWERED_OFF)) {
                    status = NodeStatus.UNCHANGED;
                }
                switch (status) {
                    case UNCHANGED -> { }
                    case REGISTERED -> actions.add(new ReconcileAction.MarkReady(rec));
                    case LAUNCH_TIMED_OUT -> actions.add(new ReconcileAction.FailLaunch(rec,
                            "spotburst: not registered within ResumeTimeout=" + policy.resumeTimeout().toSeconds() + "s"
                                    + (rec.instanceId() == null ? "" : " (" + rec.instanceId() + ")")));
                    case INSTANCE_LOST -> actions.add(new ReconcileAction.MarkLost(rec,
                            "spotburst: instance " + rec.instanceId() + " is gone"));
                    case INSTANCE_REPLACED -> {
                        rebound.add(replacement.get().instanceId());
                        actions.add(new ReconcileAction.Rebind(rec, replacement.get()));
                    }
                    case ADDRESS_CHANGED -> actions.add(new ReconcileAction.Rebind(rec, instance.get()));
                    case WANT_LAUNCH -> {
                        if (!protectedGroup) {
                            launches.computeIfAbsent(group.id(), g -> new ArrayList<>()).add(node);
                        }
                    }
                    case SLURM_DOWN_POWERED_OFF -> actions.add(new ReconcileAction.RepairSlurm(rec,
                            new SlurmCommand.NodeResume(node.toString())));
                    case SLURM_STUCK -> actions.add(new ReconcileAction.RepairSlurm(rec,
                            new SlurmCommand.NodePowerDown(node.toString(), SlurmCommand.PowerDownMode.POWER_DOWN_FORCE,
                                    "spotburst: stuck in Slurm, no instance")));
                    case MISSING_NODE_TAG -> actions.add(new ReconcileAction.TagInstance(rec));
                    case HIBERNATION_CHANGED -> actions.add(new ReconcileAction.ObserveHibernation(rec));
                    case INTERRUPTION_OVER -> actions.add(new ReconcileAction.FinishInterruption(rec));
                    case SLURM_DRAINED_POWERED_OFF -> actions.add(new ReconcileAction.RepairSlurm(rec,
                            new SlurmCommand.NodeResume(node.toString())));
                }
            }
        }
        launches.forEach((g, nodes) -> actions.add(new ReconcileAction.Launch(g, List.copyOf(nodes))));

        var graceCutoff = now.minusSeconds(ext.orphanGraceSeconds());
        var orphans = snap.instances().stream().filter(i -> !i.gone() && !owned.contains(i.instanceId())
                        && !rebound.contains(i.instanceId()) && !twins.contains(i.instanceId()) && i.launchTime() != null && i.launchTime().isBefore(graceCutoff))
                .map(InstanceView::instanceId).sorted().toList();
        var spotOrphans = snap.spotRequests().stream().filter(s -> s.live() && !ownedSpot.contains(s.spotRequestId())
                        && !rebound.contains(s.instanceId()) && s.createTime() != null && s.createTime().isBefore(graceCutoff))
                .map(s -> s.spotRequestId()).sorted().toList();
        if (!orphans.isEmpty() || !spotOrphans.isEmpty()) {
            actions.add(new ReconcileAction.Sweep(orphans, spotOrphans));
        }
        return List.copyOf(actions);
    }

    static Map<String, Integer> countByKind(List<ReconcileAction> actions) {
        var m = new HashMap<String, Integer>();
        actions.forEach(a -> m.merge(a.getClass().getSimpleName(), 1, Integer::sum));
        return m;
    }
}
