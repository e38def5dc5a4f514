package dev.spotburst.localcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotburst.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes Amazon States Language definitions locally with aws-local-stepfunctions (Node) and routes every Task
 * state, including those inside Map and Parallel, to in-process {@link TaskHandler}s; nothing calls real Lambda.
 * Wait states and Retry intervals are overridden to 0 ms so executions take about a second (node start-up).
 * Error names thrown by handlers reach Retry/Catch exactly as a Lambda error type would.
 *
 * <p>Limits of the interpreter (aws-local-stepfunctions 3.0.0): JSONPath definitions only (JSONata states pass
 * their input through silently), Lambda tasks only (no {@code .sync}, {@code .waitForTaskToken} or aws-sdk
 * integrations). {@code arn:aws:states:::lambda:invoke} tasks are routed by {@code FunctionName} with the
 * {@code Payload}, and their result wrapped as {@code {"Payload":…,"StatusCode":200}} like AWS does.
 */
public final class AslRunner {

    private static final Duration EXECUTION_TIMEOUT = Duration.ofMinutes(2);

    private AslRunner() {
    }

    /**
     * @param handlers      keyed by Task resource (after substitution), Lambda function name, or state name
     * @param substitutions {@code ${Name}} → value, as CloudFormation {@code DefinitionSubstitutions}
     * @throws IllegalStateException if a Task state had no handler (the execution would otherwise have taken a
     *                               Catch branch for a reason that is a test bug, not a behaviour)
     */
    public static AslExecution run(Path aslFile, String inputJson, Map<String, TaskHandler> handlers,
                                   Map<String, String> substitutions) {
        String definition = DefinitionSubstitutions.apply(read(aslFile), substitutions);
        return runDefinition(aslFile.toString(), definition, inputJson, handlers);
    }

    /** As {@link #run(Path, String, Map, Map)} with the definition text given directly. */
    public static AslExecution runDefinition(String name, String definition, String inputJson,
                                             Map<String, TaskHandler> handlers) {
        return runDefinition(name, definition, inputJson, handlers, Map.of(), Duration.ZERO);
    }

    /**
     * As {@link #runDefinition(String, String, String, Map)}, with {@code ${Name}} substitutions applied and every
     * Wait state lasting {@code waitOverride} instead of 0 ms. For executions that run against a real-time clock
     * (the local runtime): a polling loop whose Wait is 0 would spin, and a loop that counts its own Wait seconds
     * (a timeout in poll counts) would end long before the time it stands for has passed.
     */
    public static AslExecution runDefinition(String name, String definition, String inputJson,
                                             Map<String, TaskHandler> handlers, Map<String, String> substitutions,
                                             Duration waitOverride) {
        if (waitOverride.isNegative()) {
            throw new IllegalArgumentException("waitOverride must be >= 0, got " + waitOverride);
        }
        definition = DefinitionSubstitutions.apply(definition, substitutions);
        NodeScripts scripts = NodeScripts.locate();
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("definition", definition);
        request.set("input", parse("input", inputJson));
        request.put("waitMillis", waitOverride.toMillis());
        request.put("retryMillis", 0);
        try (TaskEndpoint endpoint = new TaskEndpoint(handlers)) {
            NodeScripts.Result result = scripts.run("run-sfn.mjs", request.toString(),
                    Map.of("TASK_ENDPOINT", endpoint.uri().toString()), EXECUTION_TIMEOUT);
            if (!endpoint.unhandled().isEmpty()) {
                throw new IllegalStateException(name + ": no handler for Task states " + endpoint.unhandled()
                        + "; pass handlers keyed by resource, function name or state name");
            }
            return toExecution(name, result, endpoint.calls());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the task endpoint", e);
        }
    }

    /** Validates with asl-validator (JSON paths and ARNs checked; {@code ${Placeholder}} resources pass). */
    public static AslValidation validate(Path aslFile) {
        return validateDefinition(aslFile.toString(), read(aslFile));
    }

    public static AslValidation validateDefinition(String name, String definition) {
        NodeScripts.Result result = NodeScripts.locate().run("validate-asl.mjs", definition, Map.of(), Duration.ofMinutes(1));
        JsonNode verdict = parseScriptOutput(name, "validate-asl.mjs", result);
        List<String> errors = new ArrayList<>();
        verdict.path("errors").forEach(e -> errors.add(e.asText()));
        return new AslValidation(verdict.path("valid").asBoolean(false), errors);
    }

    private static AslExecution toExecution(String name, NodeScripts.Result result, List<AslTaskCall> calls) {
        JsonNode json = parseScriptOutput(name, "run-sfn.mjs", result);
        AslExecution.Status status = AslExecution.Status.valueOf(json.path("status").asText());
        List<AslStateEvent> events = new ArrayList<>();
        for (JsonNode e : json.path("events")) {
            events.add(new AslStateEvent(e.path("type").asText(), text(e, "state"), text(e, "stateType"),
                    text(e, "parentState"), e.has("index") ? e.get("index").asInt() : null,
                    text(e, "error"), text(e, "cause")));
        }
        String output = status == AslExecution.Status.SUCCEEDED ? json.path("output").toString() : null;
        return new AslExecution(status, output, text(json, "error"), text(json, "cause"), events, calls);
    }

    private static JsonNode parseScriptOutput(String name, String script, NodeScripts.Result result) {
        String lastLine = result.stdout().strip();
        int nl = lastLine.lastIndexOf('\n');
        if (nl >= 0) {
            lastLine = lastLine.substring(nl + 1);
        }
        try {
            JsonNode json = Json.mapper().readTree(lastLine);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JsonProcessingException ignored) {
            // reported below with the script's stderr
        }
        throw new IllegalStateException(name + ": " + script + " exited " + result.exitCode()
                + " without a result; stderr:\n" + result.stderr());
    }

    private static JsonNode parse(String what, String json) {
        try {
            return Json.mapper().readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + json, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ASL definition " + file, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
