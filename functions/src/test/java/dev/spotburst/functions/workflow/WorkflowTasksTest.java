package dev.spotburst.functions.workflow;

import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowTasksTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    final ResumeService resume = new ResumeService(store, ec2, ec2, slurm);
    final WorkflowTasks tasks = new WorkflowTasks(store, resume, new ReconcileExecutor(store, ec2, ec2, slurm, resume),
            new dev.spotburst.functions.hibernation.HibernationService(store, ec2, slurm));

    @Test
    void launchPollAndGiveUp() {
        var nodes = "batch-od-[0-1]";
        assertThat(tasks.run(TestConfig.cluster(), Map.of("task", "launch", "nodes", nodes), T0)).containsEntry("launched", 2);
        store.snapshot = new SlurmSnapshot(1, T0.plusSeconds(30), "demo", List.of(
                new SlurmSnapshot.Node("batch-od-0", "IDLE", Set.of("CLOUD"), null, "10.0.0.1", List.of()),
                new SlurmSnapshot.Node("batch-od-1", "IDLE", Set.of("CLOUD", "POWERING_UP"), null, null, List.of())));
        assertThat(tasks.run(TestConfig.cluster(), Map.of("task", "checkRegistered", "nodes", nodes), T0.plusSeconds(40)))
                .containsEntry("pending", 1).containsEntry("allRegistered", false);
        assertThat(store.node(NodeName.parse("batch-od-0")).state()).isEqualTo(NodeState.READY);
        assertThat(tasks.run(TestConfig.cluster(), Map.of("task", "failUnregistered", "nodes", nodes), T0.plusSeconds(700)))
                .containsEntry("failed", 1);
        var failed = store.node(NodeName.parse("batch-od-1"));
        assertThat(failed.state()).isEqualTo(NodeState.FAILED);
        assertThat(ec2.terminated).containsExactly(failed.instanceId());
        assertThat(slurm.commands).singleElement().extracting(c -> c.command())
                .isInstanceOf(SlurmCommand.NodeDown.class);
    }

    @Test
    void unknownTaskIsRejectedByName() {
        assertThatThrownBy(() -> tasks.run(TestConfig.cluster(), Map.of("task", "explode", "nodes", "batch-od-0"), T0))
                .hasMessageContaining("field 'task' must be launch, checkRegistered, failUnregistered, hibernationStatus, "
                        + "hibernationGiveUp or rescueStep, got 'explode'");
    }

    @Test
    void rescueStepNamesBadFieldsAndEndsTheWorkflowWhenTheRescueIsNotWired() {
        assertThat(tasks.run(TestConfig.cluster(), Map.of("task", "rescueStep",
                "instanceId", "i-0a1b2c3d4e5f67890", "node", "batch-hib-0"), T0))
                .containsEntry("phase", "SKIPPED").containsEntry("why", "this workflow function was built without the rescue");
        var wired = new WorkflowTasks(store, resume, new ReconcileExecutor(store, ec2, ec2, slurm, resume),
                new dev.spotburst.functions.hibernation.HibernationService(store, ec2, slurm),
                new dev.spotburst.functions.rescue.RescueService(store, null, 1));
        assertThatThrownBy(() -> wired.run(TestConfig.cluster(), Map.of("task", "rescueStep", "instanceId", "nope",
                "node", "batch-hib-0"), T0)).hasMessageContaining("field 'instanceId' must be an EC2 instance id, got 'nope'");
        assertThatThrownBy(() -> wired.run(TestConfig.cluster(), Map.of("task", "rescueStep",
                "instanceId", "i-0a1b2c3d4e5f67890", "node", "other-x-0"), T0))
                .hasMessageContaining("field 'node' must name a node of this cluster, got 'other-x-0'");
        // A node that is not hibernated is not due: nothing to do, the workflow ends.
        assertThat(wired.run(TestConfig.cluster(), Map.of("task", "rescueStep", "instanceId", "i-0a1b2c3d4e5f67890",
                "node", "batch-hib-0"), T0)).containsEntry("phase", "SKIPPED").containsEntry("node", "batch-hib-0");
    }
}
