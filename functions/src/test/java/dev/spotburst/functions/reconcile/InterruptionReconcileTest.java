package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciler as the backstop of the interruption and hibernation paths (events missed or reordered). */
class InterruptionReconcileTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final NodeName SPOT0 = NodeName.parse("batch-spot-0");
    static final NodeName HIB0 = NodeName.parse("batch-hib-0");

    final List<NodeRecord> nodes = new ArrayList<>();
    final List<InstanceView> instances = new ArrayList<>();
    final List<SpotRequestView> spot = new ArrayList<>();
    final List<SlurmSnapshot.Node> slurm = new ArrayList<>();

    List<ReconcileAction> plan() {
        return ReconcilePlanner.plan(new ReconcileSnapshot(TestConfig.cluster(), nodes, Map.of(), instances, spot,
                Optional.of(new SlurmSnapshot(1, NOW.minusSeconds(30), TestConfig.CLUSTER, slurm))), NOW);
    }

    static NodeRecord ready(NodeName n, String id, String sir, Instant since) {
        return NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(id, sir, Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.1"), since)
                .ready(since);
    }

    static InstanceView instance(String id, String node, String state, Instant launched, Map<String, String> extra) {
        var tags = new java.util.HashMap<String, String>(Map.of(LaunchTags.CLUSTER, "demo", LaunchTags.NODE, node));
        tags.putAll(extra);
        return new InstanceView(id, state, "m6i.2xlarge", "eu-west-1a", "subnet-a", "10.0.0.1", null, launched,
                Market.SPOT, null, tags);
    }

    @Test
    void interruptedNodeWhoseInstanceIsGoneIsFinishedAndNeverRelaunched() {
        var since = NOW.minusSeconds(3600);
        nodes.add(ready(SPOT0, "i-1", null, since).interruptionStep(NodeState.INTERRUPTED, "x", NOW.minusSeconds(301), null));
        instances.add(instance("i-1", "batch-spot-0", "terminated", since, Map.of()));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.FinishInterruption.class);
        // Within the grace: left to the terminated event and Slurm's suspend.
        nodes.set(0, ready(SPOT0, "i-1", null, since).interruptionStep(NodeState.INTERRUPTED, "x", NOW.minusSeconds(60), null));
        assertThat(plan()).isEmpty();
    }

    @Test
    void readyNodeWithAStoppedInstanceInAHibernatingGroupIsAMissedHibernation() {
        var since = NOW.minusSeconds(3600);
        nodes.add(ready(HIB0, "i-2", "sir-2", since));
        instances.add(instance("i-2", "batch-hib-0", "stopped", since, Map.of()));
        spot.add(new SpotRequestView("sir-2", "open", "instance-stopped-no-capacity", "i-2", "batch-hib-0", since));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.ObserveHibernation.class);
        // A terminate-behaviour node with a stopped instance is not a hibernation.
        nodes.set(0, ready(SPOT0, "i-2", null, since));
        instances.set(0, instance("i-2", "batch-spot-0", "stopped", since, Map.of()));
        spot.clear();
        assertThat(plan()).isEmpty();
    }

    @Test
    void hibernatedNodeWithACancelledRequestIsLostUnlessARescueIsMovingIt() {
        var since = NOW.minusSeconds(3600);
        nodes.add(ready(HIB0, "i-3", "sir-3", since).interruptionStep(NodeState.HIBERNATED, null, since, null));
        instances.add(instance("i-3", "batch-hib-0", "stopped", since, Map.of()));
        spot.add(new SpotRequestView("sir-3", "cancelled", "request-canceled-and-instance-running", "i-3", "batch-hib-0", since));
        assertThat(plan()).singleElement().isInstanceOf(ReconcileAction.ObserveHibernation.class);
        // The rescue's twin names the Spot instance: the cancelled request is the rescue's doing, the twin no orphan.
        instances.add(new InstanceView("i-twin", "stopped", "m6i.2xlarge", "eu-west-1a", "subnet-a", "10.0.0.9", null,
                NOW.minusSeconds(900), Market.ON_DEMAND, null, Map.of(LaunchTags.CLUSTER, "demo",
                LaunchTags.NODE, "batch-hib-0", LaunchTags.RESCUED_FROM, "i-3")));
        assertThat(plan()).isEmpty();
    }

    @Test
    void hibernatedNodeStillStoppedWithAnOpenRequestIsLeftAlone() {
        var since = NOW.minusSeconds(3600);
        nodes.add(ready(HIB0, "i-4", "sir-4", since).interruptionStep(NodeState.HIBERNATED, null, since, null));
        instances.add(instance("i-4", "batch-hib-0", "stopped", since, Map.of()));
        spot.add(new SpotRequestView("sir-4", "open", "instance-stopped-no-capacity", "i-4", "batch-hib-0", since));
        assertThat(plan()).isEmpty();
    }

    @Test
    void aSpotburstDrainLeftOnAPoweredDownNodeIsLifted() {
        var n = NodeName.parse("batch-spot-3");
        nodes.add(ready(n, "i-5", null, NOW.minusSeconds(3600)).poweredDown(NOW.minusSeconds(600)));
        slurm.add(new SlurmSnapshot.Node("batch-spot-3", "IDLE", Set.of("CLOUD", "DRAIN", "POWERED_DOWN"),
                "spotburst: rebalance recommendation (i-5)", null, List.of()));
        assertThat(plan()).singleElement().isInstanceOfSatisfying(ReconcileAction.RepairSlurm.class,
                r -> assertThat(r.command()).isEqualTo(new SlurmCommand.NodeResume("batch-spot-3")));
    }

    @Test
    void rescueTagIsTheOneTheRescueWrites() {
        assertThat(LaunchTags.RESCUED_FROM).isEqualTo(dev.spotburst.functions.rescue.RescueLaunch.RESCUED_FROM);
    }
}
