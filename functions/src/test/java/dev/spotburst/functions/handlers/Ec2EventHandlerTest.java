package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeGroupExtensions;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.Counters;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** EC2 events from test-events/events/ec2 (the emulator's shapes) against a node bound to i-0a1b2c3d4e5f67890. */
class Ec2EventHandlerTest {
    static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    static final String ID = "i-0a1b2c3d4e5f67890";

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    Instant now = T.plusSeconds(1);
    ClusterConfig config = TestConfig.cluster();

    Ec2EventHandler handler() {
        var resume = new ResumeService(store, ec2, ec2, slurm);
        var hibernation = new HibernationService(store, ec2, slurm);
        var reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume, hibernation));
        return new Ec2EventHandler(new Ec2EventService(store, slurm, reconciler, hibernation, ec2), config,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    NodeName bind(String node, String spotRequest) {
        var n = NodeName.parse(node);
        var since = T.minusSeconds(3600);
        store.nodes.put(n, NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(ID, spotRequest, Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.4"), since)
                .ready(since));
        ec2.instances.put(ID, instance("running", "10.0.0.4", since));
        if (spotRequest != null) {
            ec2.spotRequests.put(spotRequest, new SpotRequestView(spotRequest, "active", "fulfilled", ID, node, since));
        }
        return n;
    }

    static InstanceView instance(String state, String ip, Instant launched) {
        return new InstanceView(ID, state, "m6i.2xlarge", "eu-west-1a", "subnet-a", ip, null, launched, Market.SPOT,
                null, Map.of());
    }

    String handle(String file) {
        return handler().handleRequest(EventLoader.loadScheduledEvent("events/ec2/" + file), null);
    }

    List<SlurmCommand> commands() {
        return slurm.commands.stream().map(c -> c.command()).toList();
    }

    @Test
    void interruptionNoticeOnATerminatingNodeRequeuesNowThroughPowerDownForce() {
        var n = bind("batch-spot-2", null);
        assertThat(handle("spot-interruption-warning.json")).isEqualTo("Interrupt");
        assertThat(store.node(n).state()).isEqualTo(NodeState.INTERRUPTED);
        assertThat(commands()).containsExactly(new SlurmCommand.NodePowerDown("batch-spot-2",
                SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: spot interruption (" + ID + ")"));
        // EventBridge redelivery: the node is no longer running jobs, nothing more is sent, nothing counted twice.
        assertThat(handle("spot-interruption-warning.json")).isEqualTo("Ignore");
        assertThat(slurm.commands).hasSize(1);
        assertThat(Counters.totals(store.counters())).containsEntry(Counters.INTERRUPTIONS, 1L)
                .containsEntry(Counters.INTERRUPTIONS_REQUEUED, 1L);
    }

    @Test
    void interruptedNodeWhoseInstanceTerminatesIsPoweredDownAndNotRelaunched() {
        var n = bind("batch-spot-2", null);
        handle("spot-interruption-warning.json");
        now = T.plusSeconds(121);
        assertThat(handle("instance-state-change-terminated.json")).isEqualTo("InterruptionEnded");
        assertThat(store.node(n).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(store.node(n).instanceId()).isNull();
        assertThat(ec2.launches).isEmpty();
    }

    @Test
    void rebalanceDrainsOnceAndNeverKillsJobs() {
        var n = bind("batch-spot-1", null);
        assertThat(handle("rebalance-recommendation.json")).isEqualTo("Rebalance");
        assertThat(handle("rebalance-recommendation.json")).isEqualTo("Rebalance"); // redelivered: recorded reason
        assertThat(commands()).containsExactly(new SlurmCommand.NodeDrain("batch-spot-1",
                "spotburst: rebalance recommendation (" + ID + ")"));
        assertThat(store.node(n).state()).isEqualTo(NodeState.READY);
        assertThat(store.counters().get(n.group())).containsEntry(Counters.REBALANCES, 1L);
    }

    void useDrainAndReplace() {
        var spot = TestConfig.spot();
        var replacing = new NodeGroupConfig(spot.partitionName(), spot.nodeGroupName(), spot.maxNodes(), spot.region(),
                null, spot.purchasingOption(), spot.onDemandOptions(), spot.spotOptions(), spot.launchTemplate(),
                spot.launchTemplateOverrides(), spot.subnetIds(), spot.tags(), spot.slurmSpecifications(),
                new NodeGroupExtensions(0, null, true, 240, 0, NodeGroupExtensions.RebalanceAction.DRAIN_AND_REPLACE));
        config = new ClusterConfig(List.of(new PartitionConfig("batch", List.of(TestConfig.od(), replacing, TestConfig.hib()),
                Map.of())), config.plugin());
    }

    static final String REBALANCE_REASON = "spotburst: rebalance recommendation (" + ID + ")";

    @Test
    void rebalanceWithDrainAndReplacePowersDownAsSoonAsTheJobsEndAndPowersUpOneSpare() {
        useDrainAndReplace();
        var n = bind("batch-spot-1", null);
        assertThat(handle("rebalance-recommendation.json")).isEqualTo("Rebalance");
        // batch-spot-0 was never launched: the lowest-index powered-down node of the group. Launched through Slurm
        // (POWER_UP → ResumeProgram), never by the control plane on its own.
        assertThat(commands()).containsExactly(
                new SlurmCommand.NodePowerDown("batch-spot-1", SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, REBALANCE_REASON),
                new SlurmCommand.NodePowerUp("batch-spot-0"));
        assertThat(slurm.commands).extracting(c -> c.id()).doesNotHaveDuplicates();
        assertThat(ec2.launches).isEmpty();
        assertThat(store.node(n).state()).isEqualTo(NodeState.READY);
        assertThat(store.counters().get(n.group())).containsEntry(Counters.REBALANCES, 1L)
                .containsEntry(Counters.SPARES_POWERED_UP, 1L);
    }

    @Test
    void redeliveredRebalancePowersUpNoSecondSpare() {
        useDrainAndReplace();
        var n = bind("batch-spot-1", null);
        handle("rebalance-recommendation.json");
        assertThat(handle("rebalance-recommendation.json")).isEqualTo("Rebalance"); // redelivered: recorded reason
        assertThat(commands()).filteredOn(c -> c instanceof SlurmCommand.NodePowerUp).hasSize(1);
        assertThat(slurm.commands).hasSize(2);
        assertThat(store.counters().get(n.group())).containsEntry(Counters.SPARES_POWERED_UP, 1L);
    }

    @Test
    void spareIsOneSlurmShowsIdleAndPoweredDownWhenItsSnapshotIsFresh() {
        useDrainAndReplace();
        bind("batch-spot-1", null);
        // batch-spot-0 is down~ in Slurm (its record says POWERED_DOWN), batch-spot-2 idle# (resumed for a job).
        store.snapshot = new SlurmSnapshot(SlurmSnapshot.SCHEMA_VERSION, now.minusSeconds(30), TestConfig.CLUSTER, List.of(
                new SlurmSnapshot.Node("batch-spot-0", "DOWN", Set.of("CLOUD", "POWERED_DOWN"), "ResumeTimeout reached", null, List.of()),
                new SlurmSnapshot.Node("batch-spot-1", "ALLOCATED", Set.of("CLOUD"), null, "10.0.0.4", List.of(7L)),
                new SlurmSnapshot.Node("batch-spot-2", "IDLE", Set.of("CLOUD", "POWERING_UP"), null, null, List.of()),
                new SlurmSnapshot.Node("batch-spot-3", "IDLE", Set.of("CLOUD", "POWERED_DOWN"), null, null, List.of())));
        handle("rebalance-recommendation.json");
        assertThat(commands()).containsExactly(
                new SlurmCommand.NodePowerDown("batch-spot-1", SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, REBALANCE_REASON),
                new SlurmCommand.NodePowerUp("batch-spot-3"));
    }

    @Test
    void noSpareAvailableOnlyPowersDownTheNodeAtRisk() {
        useDrainAndReplace();
        var n = bind("batch-spot-1", null);
        // Every other node of the group failed; FAILED is never a spare.
        for (int i = 0; i < TestConfig.spot().maxNodes(); i++) {
            var other = new NodeName(n.group(), i);
            if (i != 1) {
                store.nodes.put(other, NodeRecord.initial(other).failed("InsufficientInstanceCapacity", T));
            }
        }
        handle("rebalance-recommendation.json");
        assertThat(commands()).containsExactly(new SlurmCommand.NodePowerDown("batch-spot-1",
                SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, REBALANCE_REASON));
        assertThat(store.counters().get(n.group())).containsEntry(Counters.REBALANCES, 1L)
                .doesNotContainKey(Counters.SPARES_POWERED_UP);
    }

    @Test
    void protectedOrCoolingDownGroupGetsNoSpare() {
        useDrainAndReplace();
        var n = bind("batch-spot-1", null);
        store.groups.put(n.group(), NodeGroupRecord.initial(n.group()).capacityCooldown(now.plusSeconds(300),
                "InsufficientInstanceCapacity", now));
        handle("rebalance-recommendation.json");
        assertThat(commands()).containsExactly(new SlurmCommand.NodePowerDown("batch-spot-1",
                SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, REBALANCE_REASON));

        slurm.commands.clear();
        var m = NodeName.parse("batch-spot-2");
        store.nodes.remove(n);
        store.groups.put(n.group(), new NodeGroupRecord(n.group(), 9, 3, T, null, T));
        bind("batch-spot-2", null);
        handle("rebalance-recommendation.json");
        assertThat(commands()).containsExactly(new SlurmCommand.NodePowerDown(m.toString(),
                SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, REBALANCE_REASON));
    }

    @Test
    void hibernationRunsItsWholeLifecycleWithoutTouchingTheJob() {
        var n = bind("batch-hib-0", "sir-1");
        assertThat(handle("spot-interruption-warning-hibernate.json")).isEqualTo("Hibernation");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATING);
        assertThat(handle("hibernation-1-stopping.json")).isEqualTo("Ignore");
        assertThat(handle("hibernation-2-stopped.json")).isEqualTo("Hibernation");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATED);
        assertThat(handle("hibernation-3-pending.json")).isEqualTo("Ignore");
        ec2.instances.put(ID, instance("running", "10.0.0.4", T.plusSeconds(1200)));
        assertThat(handle("hibernation-4-running.json")).isEqualTo("Hibernation");
        var rec = store.node(n);
        assertThat(rec.state()).isEqualTo(NodeState.READY);
        assertThat(rec.instanceId()).isEqualTo(ID);
        assertThat(rec.privateIp()).isEqualTo("10.0.0.4");
        assertThat(commands()).containsExactly(
                new SlurmCommand.NodeDrain("batch-hib-0", "spotburst: hibernated (" + ID + ")"),
                new SlurmCommand.NodeResume("batch-hib-0"));
        assertThat(ec2.terminated).isEmpty();
        assertThat(ec2.cancelled).isEmpty();
        assertThat(store.counters().get(n.group())).containsEntry(Counters.HIBERNATIONS, 1L)
                .containsEntry(Counters.HIBERNATIONS_SURVIVED, 1L).containsEntry(Counters.INTERRUPTIONS, 1L);
    }

    @Test
    void hibernationWarningBeforeTheNodeIsMarkedReadyStillHibernates() {
        // Slurm may already run the job: it starts it at registration, before the control plane records READY.
        var n = NodeName.parse("batch-hib-0");
        var since = T.minusSeconds(60);
        store.nodes.put(n, NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(ID, "sir-1", Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.4"), since));
        assertThat(handle("spot-interruption-warning-hibernate.json")).isEqualTo("Hibernation");
        assertThat(store.node(n).state()).isIn(NodeState.HIBERNATING, NodeState.HIBERNATED);
        assertThat(handle("hibernation-2-stopped.json")).isIn("Hibernation", "Ignore");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATED);
    }

    @Test
    void reorderedAndDuplicatedHibernationEventsEndInTheSameState() {
        var n = bind("batch-hib-0", "sir-1");
        // stopped first (no warning yet), then the older stopping, then the warning: one hibernation, HIBERNATED.
        assertThat(handle("hibernation-2-stopped.json")).isEqualTo("Hibernation");
        assertThat(handle("hibernation-1-stopping.json")).isEqualTo("Ignore");
        assertThat(handle("spot-interruption-warning-hibernate.json")).isEqualTo("Ignore");
        assertThat(handle("hibernation-2-stopped.json")).isEqualTo("Ignore");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATED);
        // running overtakes nothing: back to READY; a late copy of stopped (older) is dropped.
        ec2.instances.put(ID, instance("running", "10.0.0.9", T.plusSeconds(1200)));
        assertThat(handle("hibernation-4-running.json")).isEqualTo("Hibernation");
        assertThat(handle("hibernation-2-stopped.json")).isEqualTo("Ignore");
        assertThat(handle("hibernation-4-running.json")).isEqualTo("Ignore");
        assertThat(store.node(n).state()).isEqualTo(NodeState.READY);
        assertThat(store.counters().get(n.group())).containsEntry(Counters.HIBERNATIONS, 1L)
                .containsEntry(Counters.HIBERNATIONS_SURVIVED, 1L);
        // The address changed (unusual for a stopped VPC instance, but Slurm must follow it).
        assertThat(commands()).contains(new SlurmCommand.NodeAddress("batch-hib-0", "10.0.0.9", null));
        assertThat(store.node(n).privateIp()).isEqualTo("10.0.0.9");
    }

    @Test
    void operatorDrainIsLeftAloneAndNotLiftedOnReturn() {
        var n = bind("batch-hib-0", "sir-1");
        store.snapshot = new SlurmSnapshot(1, T, "demo", List.of(new SlurmSnapshot.Node("batch-hib-0", "MIXED",
                Set.of("DRAIN"), "disk check", null, List.of(7L))));
        handle("spot-interruption-warning-hibernate.json");
        handle("hibernation-2-stopped.json");
        ec2.instances.put(ID, instance("running", "10.0.0.4", T.plusSeconds(1200)));
        handle("hibernation-4-running.json");
        assertThat(store.node(n).state()).isEqualTo(NodeState.READY);
        assertThat(slurm.commands).isEmpty();
    }

    @Test
    void hibernatedInstanceTerminatedIsLostDownedAndItsRequestCancelled() {
        var n = bind("batch-hib-0", "sir-1");
        handle("spot-interruption-warning-hibernate.json");
        handle("hibernation-2-stopped.json");
        assertThat(handle("hibernation-lost-terminated.json")).isEqualTo("Hibernation");
        assertThat(store.node(n).state()).isEqualTo(NodeState.FAILED);
        assertThat(ec2.cancelled).containsExactly("sir-1");
        var reason = "spotburst: hibernated instance " + ID + " is terminated";
        assertThat(commands()).containsExactly(
                new SlurmCommand.NodeDrain("batch-hib-0", "spotburst: hibernated (" + ID + ")"),
                new SlurmCommand.NodeDown("batch-hib-0", reason),
                new SlurmCommand.NodePowerDown("batch-hib-0", SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, reason));
        assertThat(store.counters().get(n.group())).containsEntry(Counters.HIBERNATIONS_LOST, 1L);
    }

    @Test
    void runningInstanceOfALaunchedNodeGivesSlurmItsAddressWithoutListingTheCluster() {
        var n = NodeName.parse("batch-spot-1");
        var since = T.minusSeconds(30);
        // A multi-node fleet's instance: CreateFleet returns no address, so the record has none yet.
        store.nodes.put(n, NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(ID, null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", null), since));
        ec2.instances.put(ID, instance("running", "10.0.0.7", since));

        assertThat(handle("instance-state-change-running.json")).isEqualTo("InstanceRunning");
        assertThat(store.node(n).state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(store.node(n).privateIp()).isEqualTo("10.0.0.7");
        assertThat(commands()).containsExactly(new SlurmCommand.NodeAddress("batch-spot-1", "10.0.0.7", null));
        assertThat(ec2.clusterListings).isZero();

        // Redelivered: the address is known, nothing more is sent.
        assertThat(handle("instance-state-change-running.json")).isEqualTo("InstanceRunning");
        assertThat(commands()).hasSize(1);
    }

    @Test
    void runningEventBeforeDescribeInstancesCatchesUpChangesNothing() {
        var n = NodeName.parse("batch-spot-1");
        var since = T.minusSeconds(3600); // longer than the orphan grace: still not "lost" on one empty describe
        store.nodes.put(n, NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(ID, null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", null), since));

        assertThat(handle("instance-state-change-running.json")).isEqualTo("InstanceRunning");
        assertThat(store.node(n).state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(slurm.commands).isEmpty();
    }

    @Test
    void terminatedInstanceReconcilesItsGroupAndUnknownInstancesAreIgnored() {
        assertThat(handle("instance-state-change-terminated.json")).isEqualTo("Ignore");
        bind("batch-spot-1", null);
        ec2.instances.remove(ID);
        assertThat(handle("instance-state-change-terminated.json")).isEqualTo("ReconcileGroup");
        // The instance is gone from EC2's view: the reconciler marks the node lost and power-downs it in Slurm.
        assertThat(store.node(NodeName.parse("batch-spot-1")).state()).isEqualTo(NodeState.FAILED);
        assertThat(slurm.commands.getFirst().command()).isInstanceOf(SlurmCommand.NodePowerDown.class);
    }
}
