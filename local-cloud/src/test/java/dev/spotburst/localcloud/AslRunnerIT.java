package dev.spotburst.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotburst.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AslRunnerIT {

    private static final Path PIPELINE = Path.of("src/test/resources/asl/pipeline.asl.json");
    private static final Map<String, String> SUBSTITUTIONS = Map.of(
            "PrepareArn", "arn:aws:lambda:us-east-1:123456789012:function:prepare:live",
            "LaunchArn", "launch-node");
    private static final String INPUT = "{\"nodes\":[\"burst-1\",\"burst-2\",\"burst-3\"]}";

    @Test
    void retriesTransientErrorsLoopsOnChoiceAndCatchesOneMapItem() {
        AtomicInteger prepareCalls = new AtomicInteger();
        AtomicInteger capacityChecks = new AtomicInteger();
        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.put("prepare", input -> {
            if (prepareCalls.incrementAndGet() <= 2) {
                throw new TaskFailure("Transient", "throttled, attempt " + prepareCalls.get());
            }
            return json("{\"ok\":true}");
        });
        handlers.put("check-capacity", input -> json("{\"ready\":" + (capacityChecks.incrementAndGet() >= 2) + "}"));
        handlers.put("launch-node", input -> {
            String node = input.path("node").asText();
            if (node.equals("burst-2")) {
                throw new TaskFailure("InsufficientInstanceCapacity", "no m5.large in us-east-1a");
            }
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("node", node);
            out.put("instanceId", "i-" + node);
            return out;
        });

        AslExecution execution = AslRunner.run(PIPELINE, INPUT, handlers, SUBSTITUTIONS);

        assertThat(execution.status()).as("%s", execution).isEqualTo(AslExecution.Status.SUCCEEDED);
        assertThat(prepareCalls).hasValue(3);
        assertThat(execution.timesRetried("Prepare")).isEqualTo(2);
        assertThat(execution.timesEntered("WaitForCapacity")).isEqualTo(2);
        assertThat(execution.timesEntered("CheckCapacity")).isEqualTo(2);
        assertThat(execution.callsTo("LaunchNode")).hasSize(4); // burst-2 once more by its Retry
        assertThat(execution.callsTo("LaunchNode")).extracting(AslTaskCall::resource).containsOnly("launch-node");
        assertThat(execution.callsTo("Prepare").getFirst().resource())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:prepare:live");

        JsonNode output = json(execution.outputJson());
        assertThat(output.path("prepared").path("ok").asBoolean()).isTrue();
        JsonNode launched = output.path("launched");
        assertThat(launched).hasSize(3);
        assertThat(launched.get(0).path("instanceId").asText()).isEqualTo("i-burst-1");
        assertThat(launched.get(1).path("failed").asBoolean()).isTrue();
        assertThat(launched.get(1).path("error").asText()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(launched.get(2).path("instanceId").asText()).isEqualTo("i-burst-3");
        assertThat(execution.enteredStates()).startsWith("Prepare", "WaitForCapacity", "CheckCapacity",
                "EnoughCapacity", "WaitForCapacity");
        assertThat(execution.enteredStates()).contains("NodeFailed").endsWith("Done");
    }

    @Test
    void permanentFailureIsCaughtIntoFailStateWithItsErrorName() {
        Map<String, TaskHandler> handlers = Map.of("prepare", input -> {
            throw new TaskFailure("LaunchTemplateMissing", "lt-0abc does not exist");
        });

        AslExecution execution = AslRunner.run(PIPELINE, INPUT, handlers, SUBSTITUTIONS);

        assertThat(execution.status()).isEqualTo(AslExecution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("PrepFailed");
        assertThat(execution.cause()).isEqualTo("prepare step failed permanently");
        assertThat(execution.timesRetried("Prepare")).isZero();
        assertThat(execution.events()).anySatisfy(event -> {
            assertThat(event.state()).isEqualTo("Prepare");
            assertThat(event.error()).isEqualTo("LaunchTemplateMissing");
            assertThat(event.cause()).isEqualTo("lt-0abc does not exist");
        });
        assertThat(execution.enteredStates()).containsExactly("Prepare", "PrepareFailed");
    }

    @Test
    void exhaustedRetriesAndJavaExceptionsFailWithTheirNames() {
        AtomicInteger calls = new AtomicInteger();
        Map<String, TaskHandler> transientForever = Map.of("prepare", input -> {
            calls.incrementAndGet();
            throw new TaskFailure("Transient", "still throttled");
        });
        AslExecution exhausted = AslRunner.run(PIPELINE, INPUT, transientForever, SUBSTITUTIONS);
        assertThat(calls).hasValue(4); // 1 + MaxAttempts 3
        assertThat(exhausted.timesRetried("Prepare")).isEqualTo(3);
        assertThat(exhausted.error()).isEqualTo("PrepFailed");

        // No Catch in this definition: the task's own error becomes the execution's error.
        String bare = """
                {"StartAt":"Boom","States":{"Boom":{"Type":"Task","Resource":"boom","End":true}}}""";
        AslExecution crashed = AslRunner.runDefinition("bare", bare, "{}", Map.of("boom", input -> {
            throw new IllegalStateException("node burst-7 has no address");
        }));
        assertThat(crashed.status()).isEqualTo(AslExecution.Status.FAILED);
        assertThat(crashed.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(crashed.cause()).contains("node burst-7 has no address");
    }

    @Test
    void lambdaInvokeIntegrationIsRoutedByFunctionNameAndWrapped() {
        String definition = """
                {"StartAt":"Invoke","States":{"Invoke":{"Type":"Task",
                  "Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"${WorkerArn}","Payload.$":"$"},
                  "ResultSelector":{"answer.$":"$.Payload.answer"},"End":true}}}""";
        AslExecution execution = AslRunner.runDefinition("invoke",
                DefinitionSubstitutions.apply(definition, Map.of("WorkerArn", "arn:aws:lambda:us-east-1:1:function:worker")),
                "{\"q\":41}", Map.of("worker", input -> json("{\"answer\":" + (input.path("q").asInt() + 1) + "}")));
        assertThat(execution.status()).as("%s", execution).isEqualTo(AslExecution.Status.SUCCEEDED);
        assertThat(json(execution.outputJson()).path("answer").asInt()).isEqualTo(42);
    }

    @Test
    void tasksInsideParallelBranchesAreRoutedToJavaToo() {
        String definition = """
                {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Left","States":{"Left":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:left","End":true}}},
                  {"StartAt":"Right","States":{"Right":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:right","End":true}}}
                ]}}}""";
        long t0 = System.nanoTime();
        AslExecution execution = AslRunner.runDefinition("parallel", definition, "{}", Map.of(
                "left", input -> json("\"L\""), "Right", input -> json("\"R\"")));
        System.err.printf("[figure] one AslRunner execution (node start included): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(execution.status()).as("%s", execution).isEqualTo(AslExecution.Status.SUCCEEDED);
        assertThat(execution.outputJson()).isEqualTo("[\"L\",\"R\"]");
    }

    @Test
    void missingHandlerIsATestBugNotACaughtFailure() {
        assertThatThrownBy(() -> AslRunner.run(PIPELINE, INPUT, Map.of(), SUBSTITUTIONS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Prepare");
    }

    @Test
    void validatorAcceptsThePipelineAndNamesTheErrorsOfABrokenDefinition() {
        assertThat(AslRunner.validate(PIPELINE)).isEqualTo(new AslValidation(true, java.util.List.of()));

        AslValidation broken = AslRunner.validate(Path.of("src/test/resources/asl/invalid.asl.json"));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.errors()).anySatisfy(error -> assertThat(error).contains("Seconds"));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
