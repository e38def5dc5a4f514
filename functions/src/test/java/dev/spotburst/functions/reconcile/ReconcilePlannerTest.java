package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilePlannerTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final NodeName SPOT0 = NodeName.parse("batch-spot-0");

    final List<NodeRecord> nodes = new ArrayList<>();
    final List<InstanceView> instances = new ArrayList<>();
    final List<SpotRequestView> spot = new ArrayList<>();
    final List<SlurmSnapshot.Node> slurm = new ArrayList<>();
    final java.util.Map<NodeGroupId, NodeGroupRecord> groups = new java.util.HashMap<>();

    dev.spotburst.config.ClusterConfig config = TestConfig.cluster();

    List<ReconcileAction> plan() {
        var snap = new ReconcileSnapshot(config, nodes, groups, instances, spot,
                Optional.of(new SlurmSnapshot(1, NOW.minusSeconds(30), TestConfig.CLUSTER, slurm)));
        return ReconcilePlanner.plan(snap, NOW);
    }

    static NodeRecord launched(NodeName n, String id, String ip, Instant since) {
        return NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(id, null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", ip), since);
    }

    static InstanceView instance(String id, String node, String ip, Instant launched, String state) {
        return new InstanceView(id, state, "m6i.2xlarge", "eu-west-1a", "subnet-a", ip, null, launched, Market.SPOT, null,
                node == null ? Map.of(LaunchTags.CLUSTER, "demo") : Map.of(LaunchTags.CLUSTER, "demo", LaunchTags.NODE, node));
    }

    static SlurmSnapshot.Node slurmNode(NodeName n, String state, String... flags) {
        return new SlurmSnapshot.Node(n.toString(), state, Set.of(flags), null, null, List.of());
    }

    @Test
    void launchedNodeThatRegisteredBecomesReady() {
        nodes.add(launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(120)));
        instances.add(instance("i-1", "batch-spot-0", "10.0.0.1", NOW.minusSeconds(120), "running"));
        slurm.add(slurmNode(SPOT0, "IDLE", "CLOUD"));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.MarkReady.class);
    }

    /** NodeNameTags=launch: a multi-node fleet's instance carries no node tag by design; tagging would cost a call. */
    @Test
    void fleetInstanceWithoutNodeTagIsLeftAloneInLaunchMode() {
        var od0 = NodeName.parse("batch-od-0");
        nodes.add(launched(od0, "i-1", "10.0.0.1", NOW.minusSeconds(120)));
        instances.add(instance("i-1", null, "10.0.0.1", NOW.minusSeconds(400), "running"));
        assertThat(plan()).isEmpty(); // owned, so not swept either
    }

    @Test
    void fleetInstanceWithoutNodeTagIsTaggedInAlwaysMode() {
        var c = TestConfig.cluster();
        var p = c.plugin();
        config = new dev.spotburst.config.ClusterConfig(c.partitions(), new dev.spotburst.config.PluginConfig(p.logLevel(),
                p.logFileName(), p.slurmBinPath(), p.nodePartitionFolder(), p.slurmConf(),
                p.spotburst().withNodeNameTags(dev.spotburst.config.NodeNameTags.ALWAYS)));
        var od0 = NodeName.parse("batch-od-0");
        nodes.add(launched(od0, "i-1", "10.0.0.1", NOW.minusSeconds(120)));
        instances.add(instance("i-1", null, "10.0.0.1", NOW.minusSeconds(120), "running"));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.TagInstance.class);
    }

    /** The spot group has {node_name}/{ip_address} user tags: CreateTags is the user's choice, so it is repaired. */
    @Test
    void instanceMissingTagsTheUserAskedForIsTaggedInLaunchMode() {
        nodes.add(launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(120)));
        instances.add(instance("i-1", null, "10.0.0.1", NOW.minusSeconds(120), "running"));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.TagInstance.class);
    }

    /** Orphan safety does not depend on node tags: cluster-tagged, owned by no record, past the grace: swept. */
    @Test
    void untaggedInstanceNoRecordOwnsIsStillAnOrphan() {
        nodes.add(launched(NodeName.parse("batch-od-0"), "i-1", "10.0.0.1", NOW.minusSeconds(400)));
        instances.add(instance("i-1", null, "10.0.0.1", NOW.minusSeconds(400), "running"));
        instances.add(instance("i-2", null, "10.0.0.2", NOW.minusSeconds(400), "running"));
        assertThat(plan()).singleElement().isInstanceOfSatisfying(ReconcileAction.Sweep.class,
                s -> assertThat(s.instanceIds()).containsExactly("i-2"));
    }

    @Test
    void launchNotRegisteredWithinResumeTimeoutFails() {
        nodes.add(launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(601)));
        instances.add(instance("i-1", "batch-spot-0", "10.0.0.1", NOW.minusSeconds(601), "running"));
        slurm.add(slurmNode(SPOT0, "IDLE", "CLOUD", "POWERING_UP"));
        assertThat(plan()).singleElement().isInstanceOfSatisfying(ReconcileAction.FailLaunch.class,
                f -> assertThat(f.reason()).contains("ResumeTimeout=600s").contains("i-1"));
    }

    @Test
    void unownedInstanceIsSweptOnlyAfterTheGracePeriod() {
        instances.add(instance("i-young", null, "10.0.0.2", NOW.minusSeconds(299), "running"));
        instances.add(instance("i-old", null, "10.0.0.3", NOW.minusSeconds(301), "running"));
        spot.add(new SpotRequestView("sir-old", "open", "pending", null, null, NOW.minusSeconds(400)));
        assertThat(plan()).containsExactly(new ReconcileAction.Sweep(List.of("i-old"), List.of("sir-old")));
    }

    @Test
    void replacedInstanceIsReboundAndNotSwept() {
        var rec = launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(3600)).ready(NOW.minusSeconds(3000));
        nodes.add(rec);
        var repl = instance("i-2", "batch-spot-0", "10.0.0.9", NOW.minusSeconds(900), "running");
        instances.add(repl);
        slurm.add(slurmNode(SPOT0, "IDLE", "CLOUD"));
        assertThat(plan()).containsExactly(new ReconcileAction.Rebind(rec, repl));
    }

    @Test
    void addressChangeIsRecordedAndSentToSlurm() {
        var rec = launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(3600)).ready(NOW.minusSeconds(3000));
        nodes.add(rec);
        instances.add(instance("i-1", "batch-spot-0", "10.0.0.7", NOW.minusSeconds(3600), "running"));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.Rebind.class);
    }

    /** A pass that failed the node but died before the send left the debt on the record: the next pass pays it. */
    @Test
    void failedNodeStillOwingSlurmIsNotifiedAgain() {
        var failed = launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(3600)).ready(NOW.minusSeconds(3000))
                .failedOwing("spotburst: instance i-1 is gone", dev.spotburst.functions.state.SlurmNotice.POWER_DOWN_FORCE,
                        NOW.minusSeconds(60));
        nodes.add(failed);
        assertThat(plan()).containsExactly(new ReconcileAction.NotifySlurm(failed));
        nodes.set(0, failed.slurmNotified());
        assertThat(plan()).noneMatch(a -> a instanceof ReconcileAction.NotifySlurm);
    }

    @Test
    void lostInstanceAfterGraceIsMarkedLost() {
        nodes.add(launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(3600)).ready(NOW.minusSeconds(3000)));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.MarkLost.class);
    }

    @Test
    void slurmStuckStatesAreRepairedWithTheRightCommand() {
        var down = NodeName.parse("batch-spot-1");
        var dead = NodeName.parse("batch-spot-3");
        slurm.add(slurmNode(down, "DOWN", "CLOUD", "POWERED_DOWN", "NOT_RESPONDING"));
        slurm.add(slurmNode(dead, "DOWN", "CLOUD", "NOT_RESPONDING"));
        var commands = plan().stream().map(a -> ((ReconcileAction.RepairSlurm) a).command()).toList();
        assertThat(commands).containsExactly(new SlurmCommand.NodeResume("batch-spot-1"),
                new SlurmCommand.NodePowerDown("batch-spot-3", SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: stuck in Slurm, no instance"));
    }

    /**
     * Slurm shows POWERING_UP as soon as it called ResumeProgram; our record stays POWERED_DOWN until the request
     * is taken off the queue. The record's stateSince (EPOCH for a node never written, or the last power-down,
     * hours ago) says nothing about how long Slurm has been powering it up, so it must not time anything out.
     */
    @Test
    void resumeStillQueuedIsNotForcedDownWhateverTheRecordsAge() {
        var neverWritten = NodeName.parse("batch-spot-2");
        var longAgo = NodeName.parse("batch-od-1");
        nodes.add(launched(longAgo, "i-9", "10.0.0.9", NOW.minusSeconds(7200)).suspending(NOW.minusSeconds(7000),
                NOW.minusSeconds(7000)).poweredDown(NOW.minusSeconds(6900)));
        slurm.add(slurmNode(neverWritten, "IDLE", "CLOUD", "POWERING_UP", "NOT_RESPONDING"));
        slurm.add(slurmNode(longAgo, "ALLOCATED", "CLOUD", "POWERING_UP", "NOT_RESPONDING"));
        assertThat(plan()).isEmpty();
    }

    /** Past ResumeTimeout Slurm itself turns a node that never came up into down~; that is what gets repaired. */
    @Test
    void resumeThatNeverArrivedIsRepairedOnceSlurmTimedItOut() {
        var node = NodeName.parse("batch-spot-2");
        slurm.add(slurmNode(node, "DOWN", "CLOUD", "POWERED_DOWN", "NOT_RESPONDING"));
        assertThat(plan()).containsExactly(new ReconcileAction.RepairSlurm(NodeRecord.initial(node),
                new SlurmCommand.NodeResume("batch-spot-2")));
    }

    @Test
    void capacityFailedNodeIsHeldDownBeforeSlurmMayRetryIt() {
        nodes.add(NodeRecord.initial(SPOT0).resuming(NOW.minusSeconds(100), NOW.minusSeconds(100))
                .failed("spotburst: InsufficientInstanceCapacity", NOW.minusSeconds(90)));
        slurm.add(slurmNode(SPOT0, "DOWN", "CLOUD", "POWERED_DOWN"));
        assertThat(plan()).isEmpty();
    }

    @Test
    void staleResumeIsRelaunchedUnlessTheGroupIsProtected() {
        nodes.add(NodeRecord.initial(SPOT0).resuming(NOW.minusSeconds(200), NOW.minusSeconds(200)));
        assertThat(plan()).containsExactly(new ReconcileAction.Launch(SPOT0.group(), List.of(SPOT0)));
        groups.put(SPOT0.group(), NodeGroupRecord.initial(SPOT0.group()).bootFailed(1, NOW));
        assertThat(plan()).isEmpty();
    }

    @Test
    void withoutAFreshSlurmSnapshotNothingIsTimedOutOrRepaired() {
        nodes.add(launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(601)));
        instances.add(instance("i-1", "batch-spot-0", "10.0.0.1", NOW.minusSeconds(601), "running"));
        var stale = new ReconcileSnapshot(TestConfig.cluster(), nodes, groups, instances, spot,
                Optional.of(new SlurmSnapshot(1, NOW.minusSeconds(3600), TestConfig.CLUSTER,
                        List.of(slurmNode(NodeName.parse("batch-spot-1"), "DOWN", "NOT_RESPONDING")))));
        assertThat(ReconcilePlanner.plan(stale, NOW)).isEmpty();
    }
}
