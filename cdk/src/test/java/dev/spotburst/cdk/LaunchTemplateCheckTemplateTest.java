package dev.spotburst.cdk;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.HibernationPrerequisites;
import dev.spotburst.config.LaunchTemplateDirectory;
import dev.spotburst.config.LaunchTemplateFacts;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.spotburst.cdk.TemplateQueries.dependencies;
import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static dev.spotburst.cdk.TemplateQueries.statements;
import static dev.spotburst.cdk.TemplateQueries.transitiveDependencies;
import static org.assertj.core.api.Assertions.assertThat;

/** Custom::SpotburstLaunchTemplateCheck: the hibernation prerequisites run at deploy, before any launch path exists. */
class LaunchTemplateCheckTemplateTest {

    private final Template t = SynthFixture.main().template();

    private String checkId() {
        var ids = resources(t, "Custom::SpotburstLaunchTemplateCheck").keySet();
        assertThat(ids).hasSize(1);
        return ids.iterator().next();
    }

    @Test
    void theCheckIsAnOnEventOnlyProviderResourceRerunWhenTheConfigOrACreatedTemplateChanges() {
        var p = props(resources(t, "Custom::SpotburstLaunchTemplateCheck").get(checkId()));
        String onEvent = logicalId(t, "AWS::Lambda::Function", "LaunchTemplateCheckProviderframeworkonEvent");
        String spotTemplate = logicalId(t, "AWS::EC2::LaunchTemplate", "LaunchTemplatesbatchspot");
        assertThat(p).containsEntry("ServiceToken", Map.of("Fn::GetAtt", List.of(onEvent, "Arn")))
                .containsEntry("ClusterName", "test")
                .containsEntry("Regions", List.of("us-east-1"))
                .containsEntry("ConfigLayerArn", Map.of("Ref", logicalId(t, "AWS::Lambda::LayerVersion", "ConfigLayer")))
                // Only the hibernating group's template (the On-Demand one is not checked).
                .containsEntry("LaunchTemplateVersions",
                        List.of(Map.of("Fn::GetAtt", List.of(spotTemplate, "LatestVersionNumber"))));
        String alias = logicalId(t, "AWS::Lambda::Alias", "LaunchTemplateCheckHandlerAlias");
        assertThat(props(resources(t, "AWS::Lambda::Function").get(onEvent)).get("Environment").toString()).contains(alias);
        assertThat(resources(t, "AWS::Lambda::Function").keySet())
                .noneMatch(id -> id.startsWith("LaunchTemplateCheckProviderframeworkisComplete"));
        assertThat(resources(t, "AWS::Lambda::Function").values().stream().map(f -> props(f).get("FunctionName")))
                .contains("test-launch-template-check");
        var graph = dependencies(t);
        assertThat(transitiveDependencies(graph, checkId()))
                .contains(spotTemplate, logicalId(t, "AWS::EC2::LaunchTemplate", "LaunchTemplatesbatchod"));
    }

    @Test
    void everyLaunchPathDependsOnTheCheckSoItIsCreatedOnlyAfterAPass() {
        String check = checkId();
        var graph = dependencies(t);
        var launchPaths = new ArrayList<String>();
        launchPaths.addAll(resources(t, "AWS::Events::Rule").keySet());
        launchPaths.addAll(resources(t, "AWS::Lambda::EventSourceMapping").keySet().stream()
                .filter(id -> id.startsWith("FunctionsPowerSaveRequests")).toList());
        resources(t, "AWS::Lambda::Function").forEach((id, r) -> {
            if (Set.of("test-power-save-requests", "test-reconcile", "test-ec2-events", "test-workflow-tasks")
                    .contains(String.valueOf(props(r).get("FunctionName")))) {
                launchPaths.add(id);
            }
        });
        resources(t, "AWS::StepFunctions::StateMachine").forEach((id, r) -> {
            if (String.valueOf(props(r).get("StateMachineName")).startsWith("test-")) {
                launchPaths.add(id);
            }
        });
        assertThat(launchPaths).hasSize(5 + 1 + 4 + 2); // rules, the requests event source, functions, workflows
        for (String id : launchPaths) {
            assertThat(graph.get(id)).as("%s depends on the check directly", id).contains(check);
        }
        assertThat(transitiveDependencies(graph, check)).doesNotContainAnyElementsOf(launchPaths).doesNotContain(check);
    }

    @Test
    void theCheckMayOnlyDescribeLaunchTemplates() {
        String role = logicalId(t, "AWS::IAM::Role", "LaunchTemplateCheckHandlerRole");
        var granted = statements(t).stream()
                .filter(s -> props(resources(t, "AWS::IAM::Policy").getOrDefault(s.policy(), Map.of()))
                        .getOrDefault("Roles", List.of()).equals(List.of(Map.of("Ref", role))))
                .toList();
        assertThat(granted.stream().flatMap(s -> s.actions().stream()).toList()).containsExactlyInAnyOrder(
                "logs:CreateLogStream", "logs:PutLogEvents",
                "ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions");
        var describe = granted.stream().filter(s -> s.actions().contains("ec2:DescribeLaunchTemplateVersions"))
                .findFirst().orElseThrow();
        assertThat(describe.resources()).containsExactly("*");
        assertThat(props(resources(t, "AWS::IAM::Role").get(role))).doesNotContainKey("ManagedPolicyArns");
    }

    @Test
    void noHibernatingGroupMeansNoCheck() {
        var plain = SynthFixture.noHibernation().template();
        plain.resourceCountIs("Custom::SpotburstLaunchTemplateCheck", 0);
        assertThat(resources(plain, "AWS::Lambda::Function").values().stream().map(f -> props(f).get("FunctionName")))
                .doesNotContain("test-launch-template-check");
        assertThat(SynthFixture.noHibernation().stack().launchTemplateCheck()).isEmpty();
    }

    /**
     * The stack-created templates pass the very check the resource runs: {@link HibernationPrerequisites} over the
     * synthesized {@code LaunchTemplateData} (hibernation configured, encrypted root of RAM + OS).
     */
    @Test
    @SuppressWarnings("unchecked")
    void stackCreatedTemplatesMeetTheHibernationPrerequisites() {
        LaunchTemplateDirectory synthesized = ref -> resources(t, "AWS::EC2::LaunchTemplate").values().stream()
                .map(TemplateQueries::props)
                .filter(p -> ref.launchTemplateName() != null && ref.launchTemplateName().equals(p.get("LaunchTemplateName")))
                .findFirst().map(p -> {
                    var d = (Map<String, Object>) p.get("LaunchTemplateData");
                    var hibernation = (Map<String, Object>) d.get("HibernationOptions");
                    var devices = ((List<Map<String, Object>>) d.get("BlockDeviceMappings")).stream().map(m -> {
                        var ebs = (Map<String, Object>) m.get("Ebs");
                        return new LaunchTemplateFacts.BlockDevice((String) m.get("DeviceName"),
                                (Integer) ebs.get("VolumeSize"), (Boolean) ebs.get("Encrypted"));
                    }).toList();
                    return new LaunchTemplateFacts(null, ref.launchTemplateName(), "1", null,
                            hibernation == null ? null : (Boolean) hibernation.get("Configured"), devices);
                });
        var catalog = OfflineInstanceTypeCatalog.load();
        var config = ConfigLoader.load(SynthFixture.VALID.resolve("partitions.json"),
                SynthFixture.VALID.resolve("config.json"), catalog).config();
        assertThat(config.nodeGroups().filter(g -> g.hibernates()).map(g -> g.launchTemplate().launchTemplateName()))
                .containsExactly("test-batch-spot");
        assertThat(synthesized.find(config.nodeGroups().filter(g -> g.hibernates()).findFirst().orElseThrow()
                .launchTemplate())).isPresent();
        assertThat(HibernationPrerequisites.check(config, synthesized, catalog)).isEmpty();
        assertThat(synthesized.find(new dev.spotburst.config.LaunchTemplateRef(null, "test-nope", "$Latest")))
                .isEqualTo(Optional.empty());
    }
}
