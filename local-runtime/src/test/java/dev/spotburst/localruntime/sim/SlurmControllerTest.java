package dev.spotburst.localruntime.sim;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.PowerSaveRequest.Kind;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlurmControllerTest {
    static ClusterConfig config;
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    final SimSettings settings = new SimSettings(10, 100, Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(2));
    final List<String> events = new ArrayList<>();
    final SlurmController ctl = new SlurmController(config, settings, events::add);

    @BeforeAll
    public static void load() throws IOException {
        Path examples = Path.of("..", "examples");
        config = ConfigLoader.parse(Files.readString(examples.resolve("partitions.json")),
                Files.readString(examples.resolve("config.json")), OfflineInstanceTypeCatalog.load()).config();
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void resumeCallsCarryAtMostResumeRateNodesInCompressedHostlists() {
        ctl.submit("short", 25, Duration.ofSeconds(10), at(0));
        var first = ctl.pass(at(0));
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.RESUME);
            assertThat(c.nodes()).hasSize(10);
            assertThat(c.hostlist()).isEqualTo("short-spot-[0-9]");
            assertThat(c.jobs()).singleElement().satisfies(j -> assertThat(j.jobId()).isEqualTo(1));
        });
        assertThat(ctl.pass(at(1))).singleElement().satisfies(c -> assertThat(c.hostlist()).isEqualTo("short-spot-[10-19]"));
        assertThat(ctl.pass(at(2))).singleElement().satisfies(c -> assertThat(c.nodes()).hasSize(5));
        assertThat(ctl.pass(at(3))).isEmpty();
    }

    @Test
    void lowestWeightFirstThenRegisteredJobRunsCompletesAndTheNodeIsSuspendedAfterSuspendTime() {
        ctl.submit("batch", 1, Duration.ofSeconds(10), at(0));
        assertThat(ctl.pass(at(0))).singleElement().satisfies(c -> assertThat(c.hostlist()).isEqualTo("batch-od-0"));
        assertThat(ctl.snapshot("genomics", at(0)).nodes()).filteredOn(n -> n.name().equals("batch-od-0")).singleElement()
                .satisfies(n -> assertThat(n.flags()).contains("POWERING_UP", "NOT_RESPONDING"));
        assertThat(ctl.register(NodeName.parse("batch-od-0"), "10.0.1.4", at(2))).isTrue();
        ctl.pass(at(2));
        assertThat(ctl.status().jobsRunning()).isEqualTo(1);
        ctl.pass(at(12));
        assertThat(ctl.status().jobsCompleted()).isEqualTo(1);
        assertThat(ctl.pass(at(41))).isEmpty();
        assertThat(ctl.pass(at(42))).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.SUSPEND);
            assertThat(c.hostlist()).isEqualTo("batch-od-0");
        });
        assertThat(ctl.status().quiescent()).isFalse();
        ctl.pass(at(47));
        var status = ctl.status();
        assertThat(status.quiescent()).isTrue();
        assertThat(status.requested()).isEqualTo(1);
        assertThat(status.ready()).isEqualTo(1);
    }

    @Test
    void resumeTimeoutLeavesTheNodeDownPoweredOffRequeuesTheJobAndCallsResumeFail() {
        ctl.submit("batch", 1, Duration.ofSeconds(10), at(0));
        ctl.pass(at(0));
        var calls = ctl.pass(at(60));
        assertThat(calls).extracting(PowerSaveCall::kind).contains(Kind.RESUME_FAIL);
        var node = ctl.snapshot("genomics", at(60)).nodes().stream().filter(n -> n.name().equals("batch-od-0")).findFirst().orElseThrow();
        assertThat(node.state()).isEqualTo("DOWN");
        assertThat(node.flags()).contains("POWERED_DOWN");
        assertThat(node.reason()).isEqualTo("ResumeTimeout reached");
        assertThat(ctl.status().requeues()).isEqualTo(1);
        assertThat(ctl.status().failureReasons()).containsEntry("ResumeTimeout reached", 1);
        // the requeued job becomes eligible after the requeue delay and lands on the next node
        assertThat(ctl.pass(at(62))).singleElement().satisfies(c -> assertThat(c.hostlist()).isEqualTo("batch-od-1"));
    }

    @Test
    void nodeDownWithReasonRequeuesAndCountsTheNodeAsFailed() {
        ctl.submit("batch", 2, Duration.ofSeconds(10), at(0));
        ctl.pass(at(0));
        var result = ctl.apply(CommandMessage.of("c1", at(1), "genomics",
                new SlurmCommand.NodeDown("batch-od-1", "spotburst: InsufficientInstanceCapacity")), at(1));
        assertThat(result.outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
        var status = ctl.status();
        assertThat(status.failed()).isEqualTo(1);
        assertThat(status.failureReasons()).containsKey("spotburst: InsufficientInstanceCapacity");
        assertThat(status.requeues()).isEqualTo(1);
        assertThat(events).anyMatch(e -> e.contains("batch-od-1 down~"));
    }

    @Test
    void powerDownForceOnARunningNodeRequeuesItsJobAndCallsSuspend() {
        ctl.submit("batch", 1, Duration.ofSeconds(100), at(0));
        ctl.pass(at(0));
        ctl.register(NodeName.parse("batch-od-0"), "10.0.1.4", at(1));
        ctl.pass(at(1));
        ctl.apply(CommandMessage.of("c2", at(2), "genomics", new SlurmCommand.NodePowerDown("batch-od-0",
                SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "spotburst: instance gone")), at(2));
        var calls = ctl.pass(at(2));
        assertThat(calls).extracting(PowerSaveCall::kind).contains(Kind.SUSPEND);
        assertThat(ctl.status().requeues()).isEqualTo(1);
    }

    @Test
    void unknownNodesAndResumeOnPoweringUpAreRefusedLikeScontrol() {
        assertThat(ctl.apply(CommandMessage.of("c3", at(0), "genomics", new SlurmCommand.NodeResume("nope-x-1")), at(0))
                .outcome()).isEqualTo(CommandResult.Outcome.FAILED);
        ctl.submit("batch", 1, Duration.ofSeconds(10), at(0));
        ctl.pass(at(0));
        var r = ctl.apply(CommandMessage.of("c4", at(1), "genomics", new SlurmCommand.NodeResume("batch-od-0")), at(1));
        assertThat(r.outcome()).isEqualTo(CommandResult.Outcome.FAILED);
        assertThat(r.detail()).contains("Invalid node state");
    }

    @Test
    void powerUpResumesAnIdlePoweredDownNodeWhichSuspendsAgainAfterSuspendTimeIfUnused() {
        var r = ctl.apply(CommandMessage.of("c5", at(0), "genomics", new SlurmCommand.NodePowerUp("batch-od-2")), at(0));
        assertThat(r.outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
        assertThat(ctl.pass(at(0))).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.RESUME);
            assertThat(c.hostlist()).isEqualTo("batch-od-2");
            assertThat(c.jobs()).isEmpty();
        });
        // already powering up: nothing more (scontrol only logs "already powered up")
        ctl.apply(CommandMessage.of("c6", at(1), "genomics", new SlurmCommand.NodePowerUp("batch-od-2")), at(1));
        assertThat(ctl.pass(at(1))).isEmpty();
        assertThat(ctl.register(NodeName.parse("batch-od-2"), "10.0.1.6", at(2))).isTrue();
        assertThat(ctl.pass(at(31))).isEmpty();
        assertThat(ctl.pass(at(32))).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.SUSPEND);
            assertThat(c.hostlist()).isEqualTo("batch-od-2");
        });
    }
}
