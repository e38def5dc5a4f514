package dev.spotburst.functions.workflow;

import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hibernation workflow's tasks: each poll looks at EC2 and catches up what the events missed. */
class HibernationTasksTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final NodeName HIB0 = NodeName.parse("batch-hib-0");
    static final String ID = "i-00000000000000001";

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    final ResumeService resume = new ResumeService(store, ec2, ec2, slurm);
    final WorkflowTasks tasks = new WorkflowTasks(store, resume, new ReconcileExecutor(store, ec2, ec2, slurm, resume),
            new HibernationService(store, ec2, slurm));

    Map<String, Object> status(Instant now) {
        return tasks.run(TestConfig.cluster(), Map.of("task", "hibernationStatus", "instanceId", ID), now);
    }

    void ec2(String state, Instant launched) {
        ec2.instances.put(ID, new InstanceView(ID, state, "m6i.2xlarge", "eu-west-1a", "subnet-a", "10.0.0.1", null,
                launched, Market.SPOT, "sir-1", Map.of()));
    }

    void readyNode() {
        store.nodes.put(HIB0, NodeRecord.initial(HIB0).resuming(T0, T0)
                .launched(new InstanceBinding(ID, "sir-1", Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.1"), T0)
                .ready(T0));
        ec2.spotRequests.put("sir-1", new SpotRequestView("sir-1", "active", "fulfilled", ID, "batch-hib-0", T0));
        ec2("running", T0);
    }

    @Test
    void pollsFollowTheInstanceThroughAWholeHibernationWithoutAnyEvent() {
        readyNode();
        assertThat(status(T0.plusSeconds(30))).containsEntry("phase", "READY");
        ec2("stopping", T0);
        assertThat(status(T0.plusSeconds(60))).containsEntry("phase", "HIBERNATING").containsEntry("node", "batch-hib-0");
        ec2("stopped", T0);
        assertThat(status(T0.plusSeconds(90))).containsEntry("phase", "HIBERNATED").containsEntry("maxHibernatedSeconds", 0);
        assertThat(status(T0.plusSeconds(690))).containsEntry("phase", "HIBERNATED").containsEntry("secondsInState", 600L);
        ec2("running", T0.plusSeconds(700));
        assertThat(status(T0.plusSeconds(720))).containsEntry("phase", "READY");
        assertThat(store.node(HIB0).instanceId()).isEqualTo(ID);
        assertThat(slurm.commands).extracting(c -> c.command().getClass().getSimpleName())
                .containsExactly("NodeDrain", "NodeResume");
    }

    @Test
    void aCancelledRequestIsALossAndForeignInstancesAreNotOurs() {
        readyNode();
        ec2("stopped", T0);
        status(T0.plusSeconds(60));
        ec2.cancelSpotRequests(java.util.List.of("sir-1"));
        assertThat(status(T0.plusSeconds(90))).containsEntry("phase", "FAILED");
        assertThat(slurm.commands).extracting(c -> c.command()).anyMatch(c -> c instanceof SlurmCommand.NodeDown);
        assertThat(tasks.run(TestConfig.cluster(), Map.of("task", "hibernationStatus", "instanceId", "i-0ffffffffffffffff"),
                T0)).containsEntry("phase", "NOT_OURS");
    }

    @Test
    void giveUpLosesOnlyANodeStillStopping() {
        readyNode();
        ec2("stopping", T0);
        status(T0.plusSeconds(10));
        var out = tasks.run(TestConfig.cluster(), Map.of("task", "hibernationGiveUp", "instanceId", ID,
                "stopTimeoutSeconds", 1200), T0.plusSeconds(1300));
        assertThat(out).containsEntry("phase", "FAILED");
        assertThat(store.node(HIB0).state()).isEqualTo(NodeState.FAILED);
        assertThat(store.node(HIB0).reason()).contains("did not complete within 1200s");
        assertThat(ec2.cancelled).containsExactly("sir-1");
        assertThat(tasks.run(TestConfig.cluster(), Map.of("task", "hibernationGiveUp", "instanceId", ID,
                "stopTimeoutSeconds", 1200), T0.plusSeconds(1400))).containsEntry("phase", "FAILED");
        assertThat(ec2.cancelled).hasSize(1);
    }

    @Test
    void instanceIdIsValidated() {
        assertThatThrownBy(() -> tasks.run(TestConfig.cluster(), Map.of("task", "hibernationStatus", "instanceId", "x"), T0))
                .hasMessageContaining("field 'instanceId' must be an EC2 instance id, got 'x'");
    }
}
