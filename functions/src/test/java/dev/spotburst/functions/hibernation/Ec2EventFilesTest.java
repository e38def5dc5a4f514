package dev.spotburst.functions.hibernation;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.handlers.Ec2EventHandler;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every EC2 event file in test-events ({@code events/ec2}) whose detail-type the stack routes to the EC2-events
 * function, through the real {@link Ec2EventHandler}: for an instance that is not ours each costs one index lookup
 * and nothing else (no EC2 call, no write, no Slurm command); the plain state-change files move a hibernating group's
 * node through its lifecycle and end a terminate-behaviour interruption. {@code fleet-*} files are not routed to this
 * function (no rule matches them), so they are not fed here. Complements {@code handlers.Ec2EventHandlerTest}.
 */
class Ec2EventFilesTest {
    static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    static final String ID = "i-0a1b2c3d4e5f67890";
    static final List<String> ROUTED = List.of("EC2 Spot Instance Interruption Warning",
            "EC2 Instance Rebalance Recommendation", "EC2 Instance State-change Notification");

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    final List<String> inventoryCalls = new ArrayList<>();
    /** Every inventory call the control plane makes, recorded by method name, then answered by the fake. */
    final InstanceInventory inventory = (InstanceInventory) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{InstanceInventory.class}, (proxy, method, args) -> {
                inventoryCalls.add(method.getName());
                try {
                    return method.invoke(ec2, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    final ClusterConfig config = TestConfig.cluster();
    Instant now = T.plusSeconds(1);

    HibernationService hibernation() {
        return new HibernationService(store, inventory, slurm);
    }

    String handle(String file) {
        var resume = new ResumeService(store, ec2, inventory, slurm);
        var hibernation = hibernation();
        var reconciler = new Reconciler(store, inventory, new ReconcileExecutor(store, ec2, inventory, slurm, resume,
                hibernation));
        var handler = new Ec2EventHandler(new Ec2EventService(store, slurm, reconciler, hibernation, inventory), config,
                Clock.fixed(now, ZoneOffset.UTC));
        return handler.handleRequest(EventLoader.loadScheduledEvent("events/ec2/" + file), null);
    }

    /**
     * The test-events files with a routed detail-type (every file in {@code events/ec2} except {@code fleet-*}); the
     * first test checks each one's detail-type, so a file that changes kind fails here.
     */
    static final List<String> ROUTED_FILES = List.of("hibernation-1-stopping.json", "hibernation-2-stopped.json",
            "hibernation-3-pending.json", "hibernation-4-running.json", "hibernation-lost-terminated.json",
            "instance-state-change-pending.json", "instance-state-change-running.json",
            "instance-state-change-shutting-down.json", "instance-state-change-stopped.json",
            "instance-state-change-stopping.json", "instance-state-change-terminated.json",
            "rebalance-recommendation.json", "spot-interruption-warning-hibernate.json", "spot-interruption-warning.json");

    static String detailType(String file) {
        return EventLoader.loadScheduledEvent("events/ec2/" + file).getDetailType();
    }

    NodeName bind(String node, String spotRequest, NodeState state) {
        var n = NodeName.parse(node);
        var since = T.minusSeconds(3600);
        var launched = NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(ID, spotRequest, Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.4"), since);
        store.nodes.put(n, state == NodeState.LAUNCHED ? launched : launched.ready(since));
        ec2.instances.put(ID, instance("running"));
        if (spotRequest != null) {
            ec2.spotRequests.put(spotRequest, new SpotRequestView(spotRequest, "active", "fulfilled", ID, node, since));
        }
        return n;
    }

    static InstanceView instance(String state) {
        return new InstanceView(ID, state, "m6i.2xlarge", "eu-west-1a", "subnet-a", "10.0.0.4", null, T, Market.SPOT,
                null, Map.of());
    }

    List<SlurmCommand> commands() {
        return slurm.commands.stream().map(c -> c.command()).toList();
    }

    @Test
    void everyRoutedFileAboutAForeignInstanceIsIgnoredWithoutAnEc2CallAWriteOrACommand() {
        assertThat(ROUTED_FILES.stream().map(Ec2EventFilesTest::detailType)).containsOnlyElementsOf(ROUTED)
                .containsAll(ROUTED);
        for (var f : ROUTED_FILES) {
            assertThat(handle(f)).as(f).isEqualTo("Ignore");
            assertThat(handle(f)).as(f + " delivered twice").isEqualTo("Ignore");
        }
        assertThat(inventoryCalls).isEmpty();
        assertThat(ec2.launches).isEmpty();
        assertThat(store.nodes).isEmpty();
        assertThat(store.counters()).isEmpty();
        assertThat(slurm.commands).isEmpty();
    }

    @Test
    void plainStateChangesCarryAHibernatingGroupsNodeThroughItsLifecycleOnTheSameInstance() {
        var n = bind("batch-hib-0", "sir-1", NodeState.READY);
        // No warning seen (lost, or EC2 sent the state change first): "stopping" alone starts the hibernation.
        assertThat(handle("instance-state-change-stopping.json")).isEqualTo("Hibernation");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATING);
        ec2.instances.put(ID, instance("stopped"));
        assertThat(handle("instance-state-change-stopped.json")).isEqualTo("Hibernation");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATED);
        assertThat(handle("instance-state-change-stopped.json")).as("duplicate").isEqualTo("Ignore");
        assertThat(handle("instance-state-change-stopping.json")).as("late, out of order").isEqualTo("Ignore");
        assertThat(handle("instance-state-change-pending.json")).isEqualTo("Ignore");
        assertThat(store.node(n).state()).isEqualTo(NodeState.HIBERNATED);
        ec2.instances.put(ID, instance("running"));
        now = T.plusSeconds(1200);
        assertThat(handle("instance-state-change-running.json")).isEqualTo("Hibernation");
        var rec = store.node(n);
        assertThat(rec.state()).isEqualTo(NodeState.READY);
        assertThat(rec.instanceId()).isEqualTo(ID);
        assertThat(rec.privateIp()).isEqualTo("10.0.0.4");
        assertThat(handle("instance-state-change-running.json")).as("duplicate").isEqualTo("Ignore");
        // The job was never touched: a drain while asleep, lifted on return; nothing else.
        assertThat(commands()).containsExactly(
                new SlurmCommand.NodeDrain("batch-hib-0", "spotburst: hibernated (" + ID + ")"),
                new SlurmCommand.NodeResume("batch-hib-0"));
        assertThat(ec2.terminated).isEmpty();
        assertThat(ec2.cancelled).isEmpty();
    }

    @Test
    void shuttingDownEndsATerminateBehaviourInterruptionAndItsDuplicatesChangeNothing() {
        var n = bind("batch-spot-1", null, NodeState.READY);
        assertThat(handle("spot-interruption-warning.json")).isEqualTo("Interrupt");
        assertThat(store.node(n).state()).isEqualTo(NodeState.INTERRUPTED);
        now = T.plusSeconds(120);
        assertThat(handle("instance-state-change-shutting-down.json")).isEqualTo("InterruptionEnded");
        assertThat(store.node(n).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(store.node(n).instanceId()).isNull();
        // terminated (and a redelivered shutting-down) find no owner any more: one lookup, nothing else.
        int callsBefore = inventoryCalls.size();
        assertThat(handle("instance-state-change-terminated.json")).isEqualTo("Ignore");
        assertThat(handle("instance-state-change-shutting-down.json")).isEqualTo("Ignore");
        assertThat(inventoryCalls).hasSize(callsBefore);
        assertThat(commands()).containsExactly(new SlurmCommand.NodePowerDown("batch-spot-1",
                SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: spot interruption (" + ID + ")"));
        assertThat(ec2.launches).as("never resurrected").isEmpty();
    }

    @Test
    void stoppingOrStoppedOfATerminateBehaviourNodeIsNotAHibernation() {
        var n = bind("batch-spot-1", null, NodeState.READY);
        assertThat(handle("instance-state-change-stopping.json")).isEqualTo("Ignore");
        assertThat(handle("instance-state-change-stopped.json")).isEqualTo("Ignore");
        assertThat(store.node(n).state()).isEqualTo(NodeState.READY);
        assertThat(slurm.commands).isEmpty();
        assertThat(store.counters()).isEmpty();
    }

    @Test
    void aReturnTheWatchdogSawMakesTheEndedHibernationsLateEventsStale() {
        var n = bind("batch-hib-0", "sir-1", NodeState.READY);
        assertThat(handle("spot-interruption-warning-hibernate.json")).isEqualTo("Hibernation"); // event time 12:00:00
        // The events of the stop and the restart are late (a storm's backlog); the watchdog's poll sees the return.
        ec2.instances.put(ID, new InstanceView(ID, "running", "m6i.2xlarge", "eu-west-1a", "subnet-a", "10.0.0.4", null,
                T.plusSeconds(50), Market.SPOT, null, Map.of()));
        now = T.plusSeconds(60);
        assertThat(hibernation().observe(config, store.node(n), now).state()).isEqualTo(NodeState.READY);
        // The stop's own events (12:00:01, 12:00:45) arrive now: they must not start a second hibernation of a running
        // instance (before the fix, the return kept the warning's time and "stopping" began one).
        assertThat(handle("hibernation-1-stopping.json")).isEqualTo("Ignore");
        assertThat(handle("hibernation-2-stopped.json")).isEqualTo("Ignore");
        assertThat(store.node(n).state()).isEqualTo(NodeState.READY);
        assertThat(commands()).containsExactly(
                new SlurmCommand.NodeDrain("batch-hib-0", "spotburst: hibernated (" + ID + ")"),
                new SlurmCommand.NodeResume("batch-hib-0"));
        assertThat(store.counters().get(n.group())).containsEntry(dev.spotburst.functions.state.Counters.HIBERNATIONS, 1L);
    }
}
