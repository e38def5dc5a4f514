package dev.spotburst.localruntime.sim;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.spotburst.localruntime.sim.SlurmControllerTest.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Nodes follow their instance: frozen while it hibernates, gone with it, and Slurm only acts on commands. */
class FrozenNodesTest {
    static final NodeName NODE = NodeName.parse("batch-spot-0");
    final SimSettings settings = new SimSettings(10, 100, Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(2));
    final List<String> events = new ArrayList<>();
    SlurmController ctl;

    @BeforeAll
    static void load() throws IOException {
        SlurmControllerTest.load();
    }

    /** A 10 s job on batch-spot-0 (the four On-Demand nodes are taken first by weight, so by four other jobs). */
    private long runningJobOnSpotNode() {
        ctl = new SlurmController(SlurmControllerTest.config, settings, events::add);
        for (int i = 0; i < 4; i++) {
            ctl.submit("batch", 1, Duration.ofSeconds(100), at(0));
        }
        long job = ctl.submit("batch", 1, Duration.ofSeconds(10), at(0));
        ctl.pass(at(0));
        for (int i = 0; i < 4; i++) {
            ctl.register(NodeName.parse("batch-od-" + i), "10.0.0." + i, at(1));
        }
        assertThat(ctl.register(NODE, instance("running", "mem-1"), at(1))).isTrue();
        ctl.pass(at(1));
        assertThat(job(job).state()).isEqualTo(SimJob.State.RUNNING);
        return job;
    }

    static ObservedInstance instance(String state, String memory) {
        return new ObservedInstance("i-0123456789abcdef0", state, "10.1.0.7", memory);
    }

    private void observe(String state, String memory, long second) {
        ctl.observeInstances(state == null ? Map.of() : Map.of("i-0123456789abcdef0", instance(state, memory)), at(second));
        ctl.pass(at(second));
    }

    private SimJobView job(long id) {
        return ctl.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
    }

    @Test
    void aHibernationPausesTheJobWhichResumesAndCompletesLateWithoutRestart() {
        long job = runningJobOnSpotNode();
        observe("running", "mem-1", 4);
        observe("stopping", "mem-1", 5);
        observe("stopped", "mem-1", 6);
        observe("stopped", "mem-1", 20); // past the job's original end (11): paused, not done
        assertThat(job(job).state()).isEqualTo(SimJob.State.RUNNING);
        assertThat(job(job).pausedNow()).isTrue();
        assertThat(ctl.snapshot("genomics", at(20)).nodes()).filteredOn(n -> n.name().equals("batch-spot-0"))
                .singleElement().satisfies(n -> assertThat(n.state()).isEqualTo("ALLOCATED"));
        observe("pending", "mem-1", 21);
        observe("running", "mem-1", 22);
        observe("running", "mem-1", 27);
        assertThat(job(job).state()).isEqualTo(SimJob.State.RUNNING); // 6 s of work were left at 5 + 22 → 28
        observe("running", "mem-1", 28);
        var done = job(job);
        assertThat(done.state()).isEqualTo(SimJob.State.COMPLETED);
        assertThat(done.restarts()).isZero();
        assertThat(done.pauses()).isEqualTo(1);
        assertThat(done.longestGap()).isEqualTo(Duration.ofSeconds(17));
        assertThat(ctl.nodes()).filteredOn(n -> n.name().equals("batch-spot-0")).singleElement()
                .satisfies(n -> assertThat(n.instanceId()).isEqualTo("i-0123456789abcdef0"));
    }

    @Test
    void aTerminatedInstanceIsNotNoticedBySlurmUntilTheControlPlaneSaysSo() {
        long job = runningJobOnSpotNode();
        observe("terminated", "mem-1", 3);
        observe(null, null, 60);
        assertThat(job(job).state()).isEqualTo(SimJob.State.RUNNING);
        assertThat(job(job).restarts()).isZero();
        assertThat(events).anyMatch(e -> e.contains("Slurm does not notice"));

        ctl.apply(CommandMessage.of("c1", at(61), "genomics", new SlurmCommand.NodePowerDown("batch-spot-0",
                SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: spot interruption")), at(61));
        assertThat(job(job).state()).isEqualTo(SimJob.State.PENDING);
        assertThat(job(job).restarts()).isEqualTo(1);
        assertThat(job(job).pausedNow()).isFalse();
    }

    @Test
    void aColdBootOfTheSameInstanceIsNoticedBySlurmItself() {
        long job = runningJobOnSpotNode();
        observe("stopped", "mem-1", 3);
        observe("running", "mem-2", 5);
        assertThat(job(job).restarts()).isEqualTo(1);
        assertThat(ctl.nodes()).filteredOn(n -> n.name().equals("batch-spot-0")).singleElement()
                .satisfies(n -> assertThat(n.reason()).isEqualTo("Node unexpectedly rebooted"));
    }

    @Test
    void aRescueMovesTheNodeWithItsMemoryToTheTwinAndTheJobContinuesThere() {
        long job = runningJobOnSpotNode();
        observe("stopped", "mem-1", 5); // hibernated at 5 with 6 s of work left
        var twin = new ObservedInstance("i-0fedcba9876543210", "running", "10.1.0.99", "mem-1");
        // Rescue: the twin runs on the moved root (same memory) while the Spot instance is still stopped, then goes.
        ctl.observeInstances(Map.of("i-0123456789abcdef0", instance("stopped", null), twin.instanceId(), twin), at(30));
        ctl.pass(at(30));
        ctl.observeInstances(Map.of(twin.instanceId(), twin), at(31));
        ctl.pass(at(31));
        assertThat(job(job).pausedNow()).isFalse();
        assertThat(events).anyMatch(e -> e.contains("thawed on instance i-0fedcba9876543210"));
        ctl.observeInstances(Map.of(twin.instanceId(), twin), at(36));
        ctl.pass(at(36));
        var done = job(job);
        assertThat(done.state()).isEqualTo(SimJob.State.COMPLETED);
        assertThat(done.restarts()).isZero();
        assertThat(done.pauses()).isEqualTo(1);
        // A cold boot elsewhere (different memory) is not the node.
        assertThat(events).noneMatch(e -> e.contains("unexpectedly rebooted") || e.contains("booted cold"));
    }
}
