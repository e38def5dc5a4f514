package dev.spotburst.statemachines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.AslExecution;
import dev.spotburst.localcloud.AslRunner;
import dev.spotburst.localcloud.TaskHandler;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hibernation.asl.json run by the local interpreter with the real interruption-warning event (test-events) as input,
 * its Lambda tasks answered by scripted phases.
 */
class HibernationStateMachineIT {
    static final Path ASL = Path.of("src/main/asl/hibernation.asl.json");
    static final Map<String, String> SUBS = LaunchStateMachineIT.SUBS;

    static String warning() throws Exception {
        try (var in = HibernationStateMachineIT.class.getClassLoader()
                .getResourceAsStream("events/ec2/spot-interruption-warning-hibernate.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    /** Answers each hibernationStatus call with the next scripted result (the last one repeats). */
    static TaskHandler phases(String... results) {
        Iterator<String> it = List.of(results).iterator();
        String[] last = {results[results.length - 1]};
        return in -> {
            assertThat(in.path("task").asText()).isEqualTo("hibernationStatus");
            assertThat(in.path("instanceId").asText()).isEqualTo("i-0a1b2c3d4e5f67890");
            return json(it.hasNext() ? (last[0] = it.next()) : last[0]);
        };
    }

    static TaskHandler noGiveUp() {
        return in -> {
            throw new AssertionError("hibernationGiveUp must not be called: " + in);
        };
    }

    static String status(String phase, int secondsInState, int max) {
        return "{\"node\":\"batch-hib-0\",\"phase\":\"" + phase + "\",\"secondsInState\":" + secondsInState
                + ",\"maxHibernatedSeconds\":" + max + "}";
    }

    @Test
    void definitionIsValid() {
        assertThat(AslRunner.validate(ASL).errors()).isEmpty();
    }

    @Test
    void survivesWhenTheSameInstanceReturns() throws Exception {
        AslExecution run = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("READY", 0, 0), status("HIBERNATING", 10, 0), status("HIBERNATED", 60, 0),
                        status("HIBERNATED", 600, 0), status("READY", 0, 0)),
                "GiveUp", noGiveUp()), SUBS);
        assertThat(run.succeeded()).as(run.error() + " " + run.cause()).isTrue();
        assertThat(run.enteredStates()).contains("Survived").doesNotContain("GiveUp", "Lost");
        assertThat(run.timesEntered("Status")).isEqualTo(5);
    }

    @Test
    void aStopThatNeverCompletesIsGivenUpAndTheNodeLost() throws Exception {
        AslExecution run = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATING", 0, 0), status("HIBERNATING", 600, 0), status("HIBERNATING", 1200, 0)),
                "GiveUp", in -> {
                    assertThat(in.path("instanceId").asText()).isEqualTo("i-0a1b2c3d4e5f67890");
                    assertThat(in.path("stopTimeoutSeconds").asInt()).isEqualTo(1200);
                    return json("{\"node\":\"batch-hib-0\",\"phase\":\"FAILED\"}");
                }), SUBS);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.error()).isEqualTo("spotburst.HibernationLost");
        assertThat(run.timesEntered("GiveUp")).isEqualTo(1);
    }

    @Test
    void aLostInstanceFailsTheExecution() throws Exception {
        AslExecution run = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 30, 0), status("FAILED", 0, 0)), "GiveUp", noGiveUp()), SUBS);
        assertThat(run.error()).isEqualTo("spotburst.HibernationLost");
        assertThat(run.timesEntered("GiveUp")).isZero();
    }

    /** Answers each rescueStep call with the next scripted phase (the last one repeats). */
    static TaskHandler rescueSteps(String... phases) {
        Iterator<String> it = List.of(phases).iterator();
        String[] last = {phases[phases.length - 1]};
        return in -> {
            assertThat(in.path("task").asText()).isEqualTo("rescueStep");
            assertThat(in.path("instanceId").asText()).isEqualTo("i-0a1b2c3d4e5f67890");
            assertThat(in.path("node").asText()).isEqualTo("batch-hib-0");
            return json("{\"node\":\"batch-hib-0\",\"phase\":\"" + (it.hasNext() ? (last[0] = it.next()) : last[0]) + "\"}");
        };
    }

    static TaskHandler noRescue() {
        return in -> {
            throw new AssertionError("rescueStep must not be called: " + in);
        };
    }

    @Test
    void longHibernationRunsTheRescueStepByStepUntilTheNodeIsOnOnDemand() throws Exception {
        AslExecution run = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 60, 1800), status("HIBERNATED", 1800, 1800)), "GiveUp", noGiveUp(),
                "Rescue", rescueSteps("RESCUING", "RESCUING", "RESCUING", "RESCUED")), SUBS);
        assertThat(run.succeeded()).as(run.error() + " " + run.cause()).isTrue();
        assertThat(run.enteredStates()).contains("Rescued").doesNotContain("GiveUp", "Lost", "RescueFailed");
        assertThat(run.timesEntered("Status")).isEqualTo(2);
        assertThat(run.timesEntered("Rescue")).isEqualTo(4);
        assertThat(run.timesEntered("WaitRescue")).isEqualTo(3);
    }

    @Test
    void aFailedRescueFailsTheExecutionAndAnUnneededOneEndsIt() throws Exception {
        AslExecution failed = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 1800, 1800)), "GiveUp", noGiveUp(),
                "Rescue", rescueSteps("RESCUING", "FAILED")), SUBS);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).isEqualTo("spotburst.RescueFailed");
        assertThat(failed.timesEntered("Rescue")).isEqualTo(2);

        // Spot capacity came back (or Slurm powered the node down) before the rescue moved anything.
        AslExecution skipped = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 1800, 1800)), "GiveUp", noGiveUp(),
                "Rescue", rescueSteps("SKIPPED")), SUBS);
        assertThat(skipped.succeeded()).isTrue();
        assertThat(skipped.enteredStates()).contains("RescueNotNeeded");
    }

    @Test
    void aRescueStepThatFailsTransientlyIsRetried() throws Exception {
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        AslExecution run = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 1800, 1800)), "GiveUp", noGiveUp(),
                "Rescue", in -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new dev.spotburst.localcloud.TaskFailure("dev.spotburst.functions.launch.ThrottledException",
                                "DescribeInstances throttled");
                    }
                    return json("{\"phase\":\"RESCUED\"}");
                }), SUBS);
        assertThat(run.succeeded()).as(run.error() + " " + run.cause()).isTrue();
        assertThat(calls).hasValue(2);
        assertThat(run.enteredStates()).contains("Rescued");
    }

    @Test
    void withoutALimitOrBeforeItTheRescueIsNeverCalledAndForeignInstancesEndAtOnce() throws Exception {
        AslExecution unlimited = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 60, 0), status("HIBERNATED", 7200, 0), status("READY", 0, 0)),
                "GiveUp", noGiveUp(), "Rescue", noRescue()), SUBS);
        assertThat(unlimited.enteredStates()).contains("Survived").doesNotContain("Rescue");

        AslExecution foreign = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases("{\"phase\":\"NOT_OURS\"}"), "GiveUp", noGiveUp()), SUBS);
        assertThat(foreign.succeeded()).isTrue();
        assertThat(foreign.timesEntered("Status")).isEqualTo(1);

        AslExecution suspended = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("HIBERNATED", 60, 0), status("ENDED", 0, 0)), "GiveUp", noGiveUp()), SUBS);
        assertThat(suspended.enteredStates()).contains("Ended");
    }

    @Test
    void anInterruptionThatNeverComesEndsAfterTheStopTimeout() throws Exception {
        AslExecution run = AslRunner.run(ASL, warning(), Map.of(
                "Status", phases(status("READY", 0, 0)), "GiveUp", noGiveUp()), SUBS);
        assertThat(run.succeeded()).isTrue();
        assertThat(run.enteredStates()).contains("NeverHibernated");
        // 1200 s stop timeout polled every 30 s: 41 looks.
        assertThat(run.timesEntered("Status")).isEqualTo(41);
    }
}
