package dev.spotburst.cdk;

import dev.spotburst.cdk.TemplateQueries.Statement;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.spotburst.cdk.TemplateQueries.dependencies;
import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static dev.spotburst.cdk.TemplateQueries.statements;
import static dev.spotburst.cdk.TemplateQueries.transitiveDependencies;
import static org.assertj.core.api.Assertions.assertThat;

class CleanupTemplateTest {

    private final Template t = SynthFixture.main().template();

    private String cleanupId() {
        var ids = resources(t, "Custom::SpotburstCleanup").keySet();
        assertThat(ids).hasSize(1);
        return ids.iterator().next();
    }

    @Test
    void cleanupIsAProviderBackedCustomResourceWithBoundedPolling() {
        var p = props(resources(t, "Custom::SpotburstCleanup").get(cleanupId()));
        String onEvent = logicalId(t, "AWS::Lambda::Function", "CleanupProviderframeworkonEvent");
        assertThat(p).containsEntry("ServiceToken", Map.of("Fn::GetAtt", List.of(onEvent, "Arn")))
                .containsEntry("ClusterName", "test")
                .containsEntry("TagKey", "spotburst:cluster")
                .containsEntry("Regions", List.of("us-east-1"))
                .containsEntry("RuleNames", List.of("test-spot-interruption", "test-rebalance",
                        "test-instance-state-change", "test-hibernation-workflow", "test-reconcile-schedule"))
                .containsEntry("LaunchFunctionNames", List.of("test-ec2-events", "test-power-save-requests",
                        "test-reconcile", "test-workflow-tasks"))
                .containsEntry("SettleSeconds", 180)
                .containsEntry("TotalTimeoutSeconds", 1800);
        // onEvent and isComplete are both the StackCleanupHandler alias.
        String handlerAlias = logicalId(t, "AWS::Lambda::Alias", "CleanupHandlerAlias");
        for (String framework : List.of("CleanupProviderframeworkonEvent", "CleanupProviderframeworkisComplete")) {
            var env = props(resources(t, "AWS::Lambda::Function").get(logicalId(t, "AWS::Lambda::Function", framework)))
                    .get("Environment").toString();
            assertThat(env).as(framework).contains(handlerAlias);
        }
        // The waiter polls every 30 s for at most 30 min (60 attempts), then the framework answers CloudFormation.
        String waiter = logicalId(t, "AWS::StepFunctions::StateMachine", "CleanupProviderwaiterstatemachine");
        String definition = props(resources(t, "AWS::StepFunctions::StateMachine").get(waiter)).get("DefinitionString").toString();
        assertThat(definition).contains("\"IntervalSeconds\":30", "\"MaxAttempts\":60", "\"BackoffRate\":1",
                "framework-onTimeout-task");
    }

    @Test
    void everyLaunchPathDependsOnTheCleanupSoCloudFormationDeletesItFirst() {
        String cleanup = cleanupId();
        var graph = dependencies(t);
        var launchPaths = new java.util.ArrayList<String>();
        launchPaths.addAll(resources(t, "AWS::Events::Rule").keySet());
        launchPaths.addAll(resources(t, "AWS::Lambda::EventSourceMapping").keySet());
        resources(t, "AWS::Lambda::Function").forEach((id, r) -> {
            String name = String.valueOf(props(r).get("FunctionName"));
            if (Set.of("test-power-save-requests", "test-reconcile", "test-ec2-events", "test-workflow-tasks",
                    "test-slurm-reports").contains(name)) {
                launchPaths.add(id);
            }
        });
        resources(t, "AWS::StepFunctions::StateMachine").forEach((id, r) -> {
            if (String.valueOf(props(r).get("StateMachineName")).startsWith("test-")) {
                launchPaths.add(id);
            }
        });
        assertThat(launchPaths).hasSize(5 + 2 + 5 + 2); // rules, event sources, functions, workflows
        for (String id : launchPaths) {
            assertThat(transitiveDependencies(graph, id)).as(id).contains(cleanup);
            assertThat(graph.get(id)).as("%s depends on the cleanup directly", id).contains(cleanup);
        }
        // ...and the cleanup depends on none of them (no inverted order, no cycle).
        var cleanupDeps = transitiveDependencies(graph, cleanup);
        assertThat(cleanupDeps).doesNotContainAnyElementsOf(launchPaths).doesNotContain(cleanup);
    }

    @Test
    void templateHasNoDependencyCycle() {
        var graph = dependencies(t);
        graph.keySet().forEach(id -> assertThat(transitiveDependencies(graph, id)).as(id).doesNotContain(id));
    }

    @Test
    void cleanupMayOnlyDescribeAndRemoveClusterTaggedCapacityAndStopTheLaunchPaths() {
        String role = logicalId(t, "AWS::IAM::Role", "CleanupHandlerRole");
        var granted = statements(t).stream()
                .filter(s -> props(resources(t, "AWS::IAM::Policy").getOrDefault(s.policy(), Map.of()))
                        .getOrDefault("Roles", List.of()).equals(List.of(Map.of("Ref", role))))
                .toList();
        assertThat(granted.stream().flatMap(s -> s.actions().stream()).toList()).containsExactlyInAnyOrder(
                "logs:CreateLogStream", "logs:PutLogEvents",
                "ec2:DescribeInstances", "ec2:DescribeSpotInstanceRequests", "ec2:DescribeFleets",
                "ec2:CancelSpotInstanceRequests", "ec2:DeleteFleets", "ec2:TerminateInstances",
                "events:DisableRule", "lambda:PutFunctionConcurrency");
        Statement remove = granted.stream().filter(s -> s.actions().contains("ec2:TerminateInstances")).findFirst().orElseThrow();
        assertThat(remove.conditions()).isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceTag/spotburst:cluster", "test")));
        Statement throttle = granted.stream().filter(s -> s.actions().contains("lambda:PutFunctionConcurrency")).findFirst().orElseThrow();
        assertThat(throttle.resources().toString()).contains(":function:test-power-save-requests")
                .doesNotContain("*");
        // The cleanup role is not given the launch policy.
        assertThat(props(resources(t, "AWS::IAM::Role").get(role))).doesNotContainKey("ManagedPolicyArns");
    }
}
