package dev.spotburst.statemachines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.AslExecution;
import dev.spotburst.localcloud.AslRunner;
import dev.spotburst.localcloud.TaskFailure;
import dev.spotburst.localcloud.TaskHandler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** launch.asl.json run by the local interpreter, its Lambda tasks answered in-process. */
class LaunchStateMachineIT {
    static final Path ASL = Path.of("src/main/asl/launch.asl.json");
    static final Map<String, String> SUBS = Map.of("WorkflowFunctionArn",
            "arn:aws:lambda:eu-west-1:123456789012:function:spotburst-workflow");
    static final String INPUT = "{\"nodes\":\"batch-spot-[0-1]\",\"resumeTimeoutSeconds\":60,\"pollSeconds\":20}";

    static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    static TaskHandler task(String expectedTask, String result) {
        return in -> {
            assertThat(in.path("task").asText()).isEqualTo(expectedTask);
            assertThat(in.path("nodes").asText()).isEqualTo("batch-spot-[0-1]");
            return json(result);
        };
    }

    @Test
    void definitionIsValid() {
        var v = AslRunner.validate(ASL);
        assertThat(v.errors()).isEmpty();
    }

    @Test
    void succeedsOnceSlurmdRegistersAndRetriesThrottledLaunches() {
        var launches = new AtomicInteger();
        var checks = new AtomicInteger();
        AslExecution run = AslRunner.run(ASL, INPUT, Map.of(
                "Launch", in -> {
                    if (launches.incrementAndGet() == 1) {
                        throw new TaskFailure("dev.spotburst.functions.launch.ThrottledException", "CreateFleet throttled");
                    }
                    return json("{\"launched\":2,\"failed\":0}");
                },
                "CheckRegistered", in -> json(checks.incrementAndGet() < 2
                        ? "{\"pending\":1,\"allRegistered\":false}" : "{\"pending\":0,\"allRegistered\":true}"),
                "FailUnregistered", task("failUnregistered", "{\"failed\":0}")), SUBS);
        assertThat(run.succeeded()).as(run.error() + " " + run.cause()).isTrue();
        assertThat(launches).hasValue(2);
        assertThat(run.timesEntered("CheckRegistered")).isEqualTo(2);
        assertThat(run.timesEntered("FailUnregistered")).isZero();
    }

    @Test
    void givesUpAfterResumeTimeoutAndFailsTheNodes() {
        AslExecution run = AslRunner.run(ASL, INPUT, Map.of(
                "Launch", task("launch", "{\"launched\":2,\"failed\":0}"),
                "CheckRegistered", task("checkRegistered", "{\"pending\":2,\"allRegistered\":false}"),
                "FailUnregistered", task("failUnregistered", "{\"failed\":2}")), SUBS);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.error()).isEqualTo("spotburst.NotRegistered");
        // 60 s ResumeTimeout polled every 20 s: three checks, then give up.
        assertThat(run.timesEntered("CheckRegistered")).isEqualTo(3);
        assertThat(run.timesEntered("FailUnregistered")).isEqualTo(1);
    }
}
