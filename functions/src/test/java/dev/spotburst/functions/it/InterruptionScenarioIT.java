package dev.spotburst.functions.it;

import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.state.Counters;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spot interruptions end to end: EC2 emulator (events, persistent requests) + DynamoDB Local + the event handler. */
class InterruptionScenarioIT {
    final InterruptionWorld w = new InterruptionWorld(TestConfig.cluster());

    @AfterEach
    void stop() {
        w.close();
    }

    @Test
    void terminateBehaviourRequeuesBeforeTheInstanceDiesAndNeverResurrectsTheNode() {
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, "batch-spot-[0-1]")).isEmpty();
        w.registered("batch-spot-[0-1]");
        w.pump();
        var node = NodeName.parse("batch-spot-0");
        var id = w.store.node(node).instanceId();
        int fleets = w.emu.control().callCounts().getOrDefault("CreateFleet", 0L).intValue();

        w.emu.control().interrupt(id);
        w.pump();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.INTERRUPTED);
        // Sent while the instance still runs (the two minutes have not passed): Slurm requeues now.
        assertThat(w.emu.control().instance(id).state()).isEqualTo("running");
        assertThat(w.commandsFor("batch-spot-0")).containsExactly(new SlurmCommand.NodePowerDown("batch-spot-0",
                SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: spot interruption (" + id + ")"));

        w.advance(Duration.ofMinutes(2));
        w.pump();
        assertThat(w.emu.control().instance(id).state()).isEqualTo("terminated");
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.POWERED_DOWN);
        // Slurm's SuspendProgram after POWER_DOWN_FORCE, then reconciles: nothing relaunched for the node.
        assertThat(w.slurmSuspendsForcedNodes()).isEmpty();
        w.reconciler.run(w.config, List.of(), w.now().plusSeconds(600));
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(w.emu.control().callCounts().getOrDefault("CreateFleet", 0L)).isEqualTo(fleets);
        assertThat(w.emu.control().instances()).filteredOn(i -> !i.state().equals("terminated"))
                .extracting(i -> i.tags().get("spotburst:node")).containsExactly("batch-spot-1");
        // Only when Slurm asks again does the node get a new instance.
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, "batch-spot-0")).isEmpty();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(w.store.node(node).instanceId()).isNotEqualTo(id);
    }

    @Test
    void hibernationKeepsTheJobAndReturnsOnTheSameInstanceWhenCapacityComesBack() {
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, "batch-hib-0")).isEmpty();
        w.registered("batch-hib-0");
        w.pump();
        var node = NodeName.parse("batch-hib-0");
        var before = w.store.node(node);
        w.snapshotWithJobs(List.of(before));
        var inst = w.emu.control().instance(before.instanceId());
        String memory = inst.memory();

        // The pool is reclaimed: hibernation starts at once (no two-minute lead), capacity is gone.
        w.emu.control().interruptPool(inst.instanceType(), inst.availabilityZone());
        w.pump();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.HIBERNATED);
        assertThat(w.emu.control().instance(before.instanceId()).state()).isEqualTo("stopped");

        w.advance(Duration.ofMinutes(20));
        w.pump();
        w.reconciler.run(w.config, List.of(), w.now());
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.HIBERNATED);

        w.emu.control().restoreCapacity(inst.instanceType(), inst.availabilityZone(), "spot", 5);
        w.pump();
        var after = w.store.node(node);
        assertThat(after.state()).isEqualTo(NodeState.READY);
        assertThat(after.instanceId()).isEqualTo(before.instanceId());
        assertThat(after.privateIp()).isEqualTo(before.privateIp());
        var back = w.emu.control().instance(before.instanceId());
        assertThat(back.state()).isEqualTo("running");
        assertThat(back.memory()).isEqualTo(memory);
        // Drained while asleep, resumed on return; nothing that kills or requeues the job, ever.
        assertThat(w.commandsFor("batch-hib-0")).containsExactly(
                new SlurmCommand.NodeDrain("batch-hib-0", "spotburst: hibernated (" + before.instanceId() + ")"),
                new SlurmCommand.NodeResume("batch-hib-0"));
        assertThat(w.slurm.commands).noneMatch(c -> c.command() instanceof SlurmCommand.JobRequeue
                || c.command() instanceof SlurmCommand.NodeDown || c.command() instanceof SlurmCommand.NodePowerDown);
        assertThat(Counters.totals(w.store.counters())).containsEntry(Counters.HIBERNATIONS, 1L)
                .containsEntry(Counters.HIBERNATIONS_SURVIVED, 1L).containsEntry(Counters.INTERRUPTIONS, 1L);
    }

    /**
     * Slurm starts the job when slurmd registers; the control plane marks the node READY only on its next look at
     * Slurm. An interruption in between must hibernate the node too, not requeue the job (the demo caught it).
     */
    @Test
    void hibernationOfANodeNotYetMarkedReadyKeepsItsInstance() {
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, "batch-hib-2")).isEmpty();
        var node = NodeName.parse("batch-hib-2");
        var before = w.store.node(node);
        assertThat(before.state()).isEqualTo(NodeState.LAUNCHED);
        var inst = w.emu.control().instance(before.instanceId());

        w.emu.control().interruptPool(inst.instanceType(), inst.availabilityZone());
        w.pump();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.HIBERNATED);

        w.emu.control().restoreCapacity(inst.instanceType(), inst.availabilityZone(), "spot", 5);
        w.pump();
        var after = w.store.node(node);
        assertThat(after.state()).isEqualTo(NodeState.READY);
        assertThat(after.instanceId()).isEqualTo(before.instanceId());
        assertThat(w.slurm.commands).noneMatch(c -> c.command() instanceof SlurmCommand.JobRequeue
                || c.command() instanceof SlurmCommand.NodePowerDown);
    }

    @Test
    void suspendWhileHibernatedCancelsTheRequestAndTerminates() {
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, "batch-hib-1")).isEmpty();
        w.registered("batch-hib-1");
        w.pump();
        var node = NodeName.parse("batch-hib-1");
        var rec = w.store.node(node);
        var inst = w.emu.control().instance(rec.instanceId());
        w.emu.control().interruptPool(inst.instanceType(), inst.availabilityZone());
        w.pump();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.HIBERNATED);

        // Slurm gave up on the node (or its job was cancelled) and powers it down.
        w.advance(Duration.ofMinutes(5));
        assertThat(w.send(PowerSaveRequest.Kind.SUSPEND, "batch-hib-1")).isEmpty();
        w.pump();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(w.emu.control().instance(rec.instanceId()).state()).isIn("shutting-down", "terminated");
        assertThat(w.ec2.describeSpotRequests(List.of(rec.spotRequestId()))).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo("cancelled"));
        // Capacity returns: nothing restarts, nothing is left running.
        w.emu.control().restoreCapacity(inst.instanceType(), inst.availabilityZone(), "spot", 5);
        w.advance(Duration.ofMinutes(1));
        w.pump();
        assertThat(w.emu.control().instances()).allMatch(i -> i.state().equals("terminated"));
    }

    @Test
    void hibernatedNodeWhoseRequestIsCancelledIsDownedPromptly() {
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, "batch-hib-2")).isEmpty();
        w.registered("batch-hib-2");
        w.pump();
        var node = NodeName.parse("batch-hib-2");
        var rec = w.store.node(node);
        var inst = w.emu.control().instance(rec.instanceId());
        w.emu.control().interruptPool(inst.instanceType(), inst.availabilityZone());
        w.pump();
        // Someone cancels the persistent request: the instance can never come back. No EC2 event says so.
        w.client.cancelSpotInstanceRequests(b -> b.spotInstanceRequestIds(rec.spotRequestId()));
        w.advance(Duration.ofMinutes(1));
        w.reconciler.run(w.config, List.of(), w.now());
        var lost = w.store.node(node);
        assertThat(lost.state()).isEqualTo(NodeState.FAILED);
        String reason = lost.reason();
        assertThat(w.commandsFor("batch-hib-2")).containsExactly(
                new SlurmCommand.NodeDrain("batch-hib-2", "spotburst: hibernated (" + rec.instanceId() + ")"),
                new SlurmCommand.NodeDown("batch-hib-2", reason),
                new SlurmCommand.NodePowerDown("batch-hib-2", SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, reason));
        w.pump();
        assertThat(w.emu.control().instance(rec.instanceId()).state()).isIn("shutting-down", "terminated");
        assertThat(w.slurmSuspendsForcedNodes()).isEmpty();
        assertThat(w.store.node(node).state()).isEqualTo(NodeState.POWERED_DOWN);
    }
}
