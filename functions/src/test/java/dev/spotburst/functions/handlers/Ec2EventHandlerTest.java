package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** EC2 events from test-events/events/ec2 (the emulator's shapes) against a node bound to i-0a1b2c3d4e5f67890. */
class Ec2EventHandlerTest {
    static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    static final String ID = "i-0a1b2c3d4e5f67890";

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    final Ec2EventHandler handler;

    Ec2EventHandlerTest() {
        var resume = new ResumeService(store, ec2, ec2, slurm);
        var reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume));
        handler = new Ec2EventHandler(new Ec2EventService(store, slurm, reconciler), TestConfig.cluster(),
                Clock.fixed(T, ZoneOffset.UTC));
    }

    void bind(String node) {
        var n = NodeName.parse(node);
        var since = T.minusSeconds(3600);
        store.nodes.put(n, NodeRecord.initial(n).resuming(since, since)
                .launched(new InstanceBinding(ID, null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.4"), since)
                .ready(since));
    }

    String handle(String file) {
        return handler.handleRequest(EventLoader.loadScheduledEvent("events/ec2/" + file), null);
    }

    @Test
    void interruptionNoticeOnATerminatingNodeRequeuesNowThroughPowerDownForce() {
        bind("batch-spot-2");
        assertThat(handle("spot-interruption-warning.json")).isEqualTo("Interrupt");
        assertThat(store.node(NodeName.parse("batch-spot-2")).state()).isEqualTo(NodeState.INTERRUPTED);
        assertThat(slurm.commands).singleElement().extracting(c -> c.command()).isEqualTo(new SlurmCommand.NodePowerDown(
                "batch-spot-2", SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: Spot interruption notice (" + ID + ")"));
        // EventBridge redelivery: the node is no longer running jobs, nothing more is sent.
        assertThat(handle("spot-interruption-warning.json")).isEqualTo("Ignore");
        assertThat(slurm.commands).hasSize(1);
    }

    @Test
    void hibernationNoticeKeepsTheNode() {
        bind("batch-hib-0");
        assertThat(handle("spot-interruption-warning-hibernate.json")).isEqualTo("Ignore");
        assertThat(store.node(NodeName.parse("batch-hib-0")).state()).isEqualTo(NodeState.READY);
    }

    @Test
    void rebalanceRecommendationDrains() {
        bind("batch-spot-1");
        assertThat(handle("rebalance-recommendation.json")).isEqualTo("Drain");
        assertThat(slurm.commands.getFirst().command()).isInstanceOf(SlurmCommand.NodeDrain.class);
    }

    @Test
    void terminatedInstanceReconcilesItsGroupAndUnknownInstancesAreIgnored() {
        assertThat(handle("instance-state-change-terminated.json")).isEqualTo("Ignore");
        bind("batch-spot-1");
        assertThat(handle("instance-state-change-terminated.json")).isEqualTo("ReconcileGroup");
        // The instance is gone from EC2's view: the reconciler marks the node lost and power-downs it in Slurm.
        assertThat(store.node(NodeName.parse("batch-spot-1")).state()).isEqualTo(NodeState.FAILED);
        assertThat(slurm.commands.getFirst().command()).isInstanceOf(SlurmCommand.NodePowerDown.class);
    }
}
