package dev.spotburst.cdk;

import dev.spotburst.cdk.functions.Handler;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static org.assertj.core.api.Assertions.assertThat;

class FunctionsTemplateTest {

    private final Template t = SynthFixture.main().template();

    private Map<String, Object> function(Handler h) {
        return resources(t, "AWS::Lambda::Function").values().stream()
                .filter(f -> ("test-" + h.nameSuffix()).equals(props(f).get("FunctionName")))
                .findFirst().orElseThrow(() -> new AssertionError("no function for " + h));
    }

    private String functionId(Handler h) {
        return resources(t, "AWS::Lambda::Function").entrySet().stream()
                .filter(e -> ("test-" + h.nameSuffix()).equals(props(e.getValue()).get("FunctionName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @Test
    void everyHandlerRunsJava25OnArmWithSnapStartBehindALiveAlias() {
        for (Handler h : Handler.values()) {
            var p = props(function(h));
            assertThat(p).as(h.name())
                    .containsEntry("Runtime", "java25")
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                    .containsEntry("Handler", "dev.spotburst.functions.handlers." + className(h) + "::handleRequest")
                    .containsEntry("MemorySize", h.memoryMiB())
                    .containsEntry("Timeout", h.timeout().toSeconds().intValue());
            String id = functionId(h);
            String versionId = resources(t, "AWS::Lambda::Version").entrySet().stream()
                    .filter(e -> props(e.getValue()).get("FunctionName").equals(Map.of("Ref", id)))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no version of " + h));
            t.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                    "Name", "live",
                    "FunctionName", Map.of("Ref", id),
                    "FunctionVersion", Map.of("Fn::GetAtt", List.of(versionId, "Version")))));
        }
        assertThat(resources(t, "AWS::Lambda::Function").values().stream()
                .filter(f -> String.valueOf(props(f).get("Runtime")).startsWith("java")).count())
                .isEqualTo(Handler.values().length);
    }

    /**
     * The runtime matches the build: every handler class exists in the functions build the stack deploys and its
     * bytecode (class file major version - 44 = Java release) runs on the Lambda runtime's Java version.
     */
    @Test
    void theRuntimeRunsTheBytecodeTheFunctionsBuildProducesForEveryHandlerClass() throws Exception {
        for (Handler h : Handler.values()) {
            String resource = h.handlerString().split("::")[0].replace('.', '/') + ".class";
            try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as("%s in the functions build", resource).isNotNull();
                byte[] header = in.readNBytes(8);
                assertThat(header[0] & 0xff).isEqualTo(0xCA);
                int release = (((header[6] & 0xff) << 8) | (header[7] & 0xff)) - 44;
                int runtime = Integer.parseInt(String.valueOf(props(function(h)).get("Runtime")).substring("java".length()));
                assertThat(runtime).as("%s: Lambda runtime java%d vs class files for Java %d", h, runtime, release)
                        .isGreaterThanOrEqualTo(release);
            }
        }
    }

    private static String className(Handler h) {
        return Arrays.stream(h.handlerString().split("::")[0].split("\\.")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void requestsConsumerHasReservedConcurrencyAndReconcileRunsOneAtATime() {
        assertThat(props(function(Handler.POWER_SAVE_REQUESTS))).containsEntry("ReservedConcurrentExecutions", 2);
        assertThat(props(function(Handler.RECONCILE))).containsEntry("ReservedConcurrentExecutions", 1);
        assertThat(props(function(Handler.EC2_EVENTS))).doesNotContainKey("ReservedConcurrentExecutions");
    }

    @Test
    void queueConsumersAreAliasEventSourcesReportingBatchItemFailures() {
        var mappings = resources(t, "AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(2);
        String requests = logicalId(t, "AWS::SQS::Queue", "QueuesRequestsQueue");
        String reports = logicalId(t, "AWS::SQS::Queue", "QueuesReportsQueue");
        String requestsAlias = logicalId(t, "AWS::Lambda::Alias", "FunctionsPowerSaveRequestsAlias");
        String reportsAlias = logicalId(t, "AWS::Lambda::Alias", "FunctionsSlurmReportsAlias");
        for (var pair : List.of(List.of(requests, requestsAlias), List.of(reports, reportsAlias))) {
            assertThat(mappings.values()).as("event source for %s", pair.get(0)).anySatisfy(m -> {
                var p = props(m);
                assertThat(p.get("EventSourceArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(pair.get(0), "Arn")));
                // <function name>:live, i.e. the alias (CDK renders the alias as a qualified name).
                assertThat(p.get("FunctionName").toString()).contains(pair.get(1), ":live");
                assertThat(p.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
                assertThat(p.get("BatchSize")).isEqualTo(10);
            });
        }
    }

    @Test
    void everyHandlerGetsTheOneSettingsEnvironmentAndTheConfigLayer() {
        String layer = logicalId(t, "AWS::Lambda::LayerVersion", "ConfigLayer");
        for (Handler h : Handler.values()) {
            var p = props(function(h));
            @SuppressWarnings("unchecked")
            var env = (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables");
            assertThat(env).as(h.name())
                    .containsEntry("SPOTBURST_CLUSTER", "test")
                    .containsEntry("SPOTBURST_CONFIG_DIR", "/opt/spotburst")
                    .containsEntry("POWERTOOLS_SERVICE_NAME", "test")
                    .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "Spotburst")
                    .containsKeys("SPOTBURST_TABLE", "SPOTBURST_REQUESTS_QUEUE_URL", "SPOTBURST_REQUESTS_DLQ_URL", "SPOTBURST_COMMANDS_QUEUE_URL",
                            "SPOTBURST_REPORTS_QUEUE_URL", "SPOTBURST_STATE_MACHINE_SCALE_OUT");
            assertThat(env.get("SPOTBURST_STATE_MACHINE_SCALE_OUT").toString()).contains(":stateMachine:test-scale-out");
            assertThat(p.get("Layers")).isEqualTo(List.of(Map.of("Ref", layer)));
        }
    }
}
