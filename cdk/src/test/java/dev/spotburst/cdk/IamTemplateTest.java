package dev.spotburst.cdk;

import dev.spotburst.cdk.TemplateQueries.Statement;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static dev.spotburst.cdk.TemplateQueries.statements;
import static org.assertj.core.api.Assertions.assertThat;

class IamTemplateTest {

    private static final Set<String> MUTATING = Set.of("ec2:TerminateInstances", "ec2:StopInstances",
            "ec2:StartInstances", "ec2:RebootInstances", "ec2:CancelSpotInstanceRequests", "ec2:DeleteFleets",
            "ec2:ModifyFleet", "ec2:CreateTags",
            // rescue moves root volumes between cluster instances
            "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume", "ec2:ModifyInstanceAttribute");
    private static final Set<String> LAUNCH = Set.of("ec2:CreateFleet", "ec2:RunInstances");
    private static final Map<String, Object> RESOURCE_TAG =
            Map.of("StringEquals", Map.of("aws:ResourceTag/spotburst:cluster", "test"));

    private final Template t = SynthFixture.main().template();

    @Test
    void headNodeRoleMaySendRequestsReceiveAndDeleteCommandsSendReportsAndNothingElse() {
        String role = logicalId(t, "AWS::IAM::Role", "HeadNodeRole");
        assertThat(props(resources(t, "AWS::IAM::Role").get(role)).toString()).contains("ec2.amazonaws.com")
                .doesNotContain("ManagedPolicyArns");
        List<Statement> granted = statements(t).stream()
                .filter(s -> props(resources(t, "AWS::IAM::Policy").getOrDefault(s.policy(), Map.of()))
                        .getOrDefault("Roles", List.of()).equals(List.of(Map.of("Ref", role))))
                .toList();
        assertThat(granted).extracting(s -> s.body().get("Sid"), Statement::actions, Statement::resources)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("SendPowerSaveRequests", List.of("sqs:SendMessage"),
                                List.of(arnOf("QueuesRequestsQueue"))),
                        org.assertj.core.groups.Tuple.tuple("ReceiveCommands",
                                List.of("sqs:ReceiveMessage", "sqs:DeleteMessage"), List.of(arnOf("QueuesCommandsQueue"))),
                        org.assertj.core.groups.Tuple.tuple("SendReports", List.of("sqs:SendMessage"),
                                List.of(arnOf("QueuesReportsQueue"))));
        t.hasResourceProperties("AWS::IAM::InstanceProfile", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role)))));
    }

    private Map<String, Object> arnOf(String queuePrefix) {
        return Map.of("Fn::GetAtt", List.of(logicalId(t, "AWS::SQS::Queue", queuePrefix), "Arn"));
    }

    @Test
    void givenAHeadNodeRoleArnThePolicyIsAttachedToItAndNoRoleIsCreated() {
        Template variant = SynthFixture.existingHeadNodeRole().template();
        assertThat(resources(variant, "AWS::IAM::Role").keySet()).noneMatch(k -> k.startsWith("HeadNode"));
        variant.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of("slurm-head-node"),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "SendPowerSaveRequests", "Action", "sqs:SendMessage")))))))));
        // One instance profile only: the compute nodes'.
        variant.resourceCountIs("AWS::IAM::InstanceProfile", 1);
    }

    @Test
    void computeNodesMayDescribeTagsAndReadLaunchRecordsOnly() {
        String role = logicalId(t, "AWS::IAM::Role", "ComputeNodesRole");
        assertThat(props(resources(t, "AWS::IAM::Role").get(role)).toString()).contains("ec2.amazonaws.com");
        var granted = statements(t).stream().filter(s -> s.policy().startsWith("ComputeNodes")).toList();
        assertThat(granted).allSatisfy(s -> assertThat(s.allows()).isTrue());
        assertThat(granted).extracting(s -> s.body().get("Sid")).containsExactlyInAnyOrder(
                "DescribeTagsFallback", "GetLaunchRecord");
        assertThat(granted).filteredOn(s -> "DescribeTagsFallback".equals(s.body().get("Sid"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("ec2:DescribeTags");
                    assertThat(s.resources()).containsExactly("*"); // DescribeTags has no resource-level permissions
                });
        // The bootstrap of a node without a per-node Name tag reads LAUNCH#<instance-id>: one action, the state
        // table only, launch records only; no writes, no Query/Scan, no index.
        String table = logicalId(t, "AWS::DynamoDB::GlobalTable", "StateTable");
        assertThat(granted).filteredOn(s -> "GetLaunchRecord".equals(s.body().get("Sid"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("dynamodb:GetItem");
                    assertThat(s.resources()).containsExactly(Map.of("Fn::GetAtt", List.of(table, "Arn")));
                    assertThat(s.conditions()).isEqualTo(Map.of("ForAllValues:StringLike",
                            Map.of("dynamodb:LeadingKeys", List.of("LAUNCH#*"))));
                });
        // The table uses the AWS-managed key: nothing to decrypt with a key of ours.
        assertThat(granted).flatExtracting(Statement::actions).noneMatch(a -> a.startsWith("kms:"));
        t.hasResourceProperties("AWS::IAM::InstanceProfile", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role)))));
    }

    @Test
    void everyMutatingEc2ActionIsConditionedOnTheClusterTag() {
        var mutating = statements(t).stream().filter(Statement::allows)
                .filter(s -> s.actions().stream().anyMatch(MUTATING::contains)).toList();
        assertThat(mutating).hasSizeGreaterThanOrEqualTo(4);
        assertThat(mutating).anySatisfy(s -> assertThat(s.actions()).contains("ec2:DetachVolume", "ec2:AttachVolume"));
        for (Statement s : mutating) {
            assertThat(s.resources()).as(s.policy()).doesNotContain("*");
            boolean onlyTagsAtLaunch = s.actions().equals(List.of("ec2:CreateTags"))
                    && s.conditions().toString().contains("ec2:CreateAction");
            if (onlyTagsAtLaunch) {
                assertThat(s.conditions()).isEqualTo(Map.of("StringEquals",
                        Map.of("ec2:CreateAction", List.of("CreateFleet", "RunInstances"))));
            } else {
                assertThat(s.conditions()).as(s.policy() + " " + s.actions()).containsAllEntriesOf(RESOURCE_TAG);
            }
        }
        // Outside launch, the cluster tag itself cannot be rewritten.
        assertThat(mutating).anySatisfy(s -> assertThat(s.conditions()).containsEntry("ForAllValues:StringNotEquals",
                Map.of("aws:TagKeys", List.of("spotburst:cluster"))));
        // Launches only create cluster-tagged instances, fleets and Spot requests.
        var launches = statements(t).stream().filter(s -> s.actions().stream().anyMatch(LAUNCH::contains)).toList();
        assertThat(launches).isNotEmpty();
        for (Statement s : launches) {
            boolean createsCapacity = s.resources().stream().map(String::valueOf)
                    .anyMatch(r -> r.contains(":instance/") || r.contains(":fleet/") || r.contains(":spot-instances-request/"));
            if (createsCapacity) {
                assertThat(s.conditions()).isEqualTo(Map.of("StringEquals",
                        Map.of("aws:RequestTag/spotburst:cluster", "test")));
            }
            assertThat(s.resources()).doesNotContain("*");
        }
        assertThat(launches.toString()).contains("subnet/subnet-0a1b2c3d", "subnet/subnet-4e5f6a7b");
    }

    @Test
    void passRoleOnlyForTheComputeRoleAndOnlyToEc2() {
        String computeRole = logicalId(t, "AWS::IAM::Role", "ComputeNodesRole");
        var passRole = statements(t).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("iam:PassRole")
                || a.equals("iam:*"))).toList();
        assertThat(passRole).isNotEmpty().allSatisfy(s -> {
            assertThat(s.actions()).containsExactly("iam:PassRole");
            assertThat(s.resources()).containsExactly(Map.of("Fn::GetAtt", List.of(computeRole, "Arn")));
            assertThat(s.conditions()).isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", "ec2.amazonaws.com")));
        });
    }

    @Test
    void noPolicyAllowsAWildcardAction() {
        for (Statement s : statements(t)) {
            assertThat(s.actions()).as(s.policy()).noneMatch(a -> a.equals("*") || a.endsWith(":*") || a.equals("*:*"));
        }
        // Resource policies: only the CDK key policy's account-root admin statement uses kms:*; nothing allows "*".
        for (String type : List.of("AWS::SQS::QueuePolicy", "AWS::KMS::Key", "AWS::SNS::TopicPolicy")) {
            resources(t, type).forEach((id, r) -> assertThat(r.toString()).as(id)
                    .doesNotContain("Action=*,", "Action=[*]", "Action=*:*"));
        }
    }
}
