package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static org.assertj.core.api.Assertions.assertThat;

class WorkflowsTemplateTest {

    private final Template t = SynthFixture.main().template();

    @Test
    void everyAslFileBecomesAnInlineTracedLoggedStateMachineWithEveryPlaceholderSubstituted() {
        var machines = resources(t, "AWS::StepFunctions::StateMachine").entrySet().stream()
                .filter(e -> String.valueOf(props(e.getValue()).get("StateMachineName")).startsWith("test-"))
                .toList();
        assertThat(machines).hasSize(2); // src/test/resources/asl holds scale-out and a copy of hibernation
        String alias = logicalId(t, "AWS::Lambda::Alias", "FunctionsWorkflowTasksAlias");
        var p = props(machines.stream().filter(e -> "test-scale-out".equals(props(e.getValue()).get("StateMachineName")))
                .findFirst().orElseThrow().getValue());
        assertThat(p).containsEntry("StateMachineName", "test-scale-out")
                .containsEntry("TracingConfiguration", Map.of("Enabled", true))
                .doesNotContainKey("DefinitionS3Location");
        String definition = (String) p.get("DefinitionString");
        @SuppressWarnings("unchecked")
        var substitutions = (Map<String, Object>) p.get("DefinitionSubstitutions");
        var placeholders = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(definition).results()
                .map(m -> m.group(1)).distinct().toList();
        assertThat(placeholders).containsExactly("WorkflowFunctionArn");
        assertThat(substitutions).containsOnlyKeys(placeholders).containsEntry("WorkflowFunctionArn", Map.of("Ref", alias));

        @SuppressWarnings("unchecked")
        var logging = (Map<String, Object>) p.get("LoggingConfiguration");
        assertThat(logging).containsEntry("Level", "ALL").containsEntry("IncludeExecutionData", true);
        String logGroup = logicalId(t, "AWS::Logs::LogGroup", "Workflowsscaleoutlogs");
        assertThat(logging.get("Destinations").toString()).contains(logGroup);
        assertThat(props(resources(t, "AWS::Logs::LogGroup").get(logGroup))).containsKey("KmsKeyId");

        // The state machine may invoke the workflow-task alias.
        assertThat(TemplateQueries.statements(t)).anySatisfy(s -> {
            assertThat(s.policy()).startsWith("WorkflowsscaleoutRole");
            assertThat(s.actions()).contains("lambda:InvokeFunction");
            assertThat(s.resources()).contains(Map.of("Ref", alias));
        });
        assertThat(List.of(definition)).allSatisfy(d -> assertThat(d).doesNotContain("Fn::"));
    }

    @Test
    void theShippedDefinitionsUseOnlyPlaceholdersTheStackSubstitutes() throws Exception {
        var shipped = dev.spotburst.cdk.workflows.Workflows.definitionsIn(java.nio.file.Path.of("../state-machines/src/main/asl"));
        for (var file : shipped) {
            var placeholders = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(java.nio.file.Files.readString(file))
                    .results().map(m -> m.group(1)).distinct().toList();
            assertThat(placeholders).as(file.toString()).containsOnly("WorkflowFunctionArn");
        }
    }
}
