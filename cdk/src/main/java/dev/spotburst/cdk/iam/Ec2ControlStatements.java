package dev.spotburst.cdk.iam;

import dev.spotburst.cdk.ClusterNames;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the launch paths may do in EC2, as policy statements (pure: no constructs).
 * <ul>
 *   <li>launch ({@code CreateFleet}, {@code RunInstances}) only when the request tags the instance, fleet or Spot
 *       request with {@code spotburst:cluster=<cluster>} ({@code aws:RequestTag}); the supporting resources a
 *       launch touches (templates, subnets, images, volumes, network interfaces) cannot carry request tags;</li>
 *   <li>every mutating action on an existing resource only if it carries the cluster tag ({@code aws:ResourceTag});</li>
 *   <li>{@code CreateTags} at launch time only as part of that launch ({@code ec2:CreateAction}); later only on
 *       cluster resources and never for the cluster tag itself;</li>
 *   <li>{@code iam:PassRole} for the compute instance role, to EC2 only.</li>
 * </ul>
 */
public final class Ec2ControlStatements {

    public static final List<String> DESCRIBE_ACTIONS = List.of(
            "ec2:DescribeInstances", "ec2:DescribeInstanceStatus", "ec2:DescribeInstanceTypes",
            "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeFleets", "ec2:DescribeFleetInstances",
            "ec2:DescribeFleetHistory", "ec2:DescribeSpotInstanceRequests", "ec2:DescribeSpotPriceHistory",
            "ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeSubnets",
            "ec2:DescribeTags", "ec2:DescribeVolumes");

    public static final List<String> LAUNCH_ACTIONS = List.of("ec2:CreateFleet", "ec2:RunInstances");

    public static final List<String> MUTATING_ACTIONS = List.of(
            "ec2:TerminateInstances", "ec2:StopInstances", "ec2:StartInstances", "ec2:RebootInstances",
            "ec2:CancelSpotInstanceRequests", "ec2:DeleteFleets", "ec2:ModifyFleet");

    /**
     * Rescue of a long-hibernated node moves its root volume onto an On-Demand twin (docs/rescue.md). Both the
     * instances and the root volumes are tagged with the cluster at launch, so these are scoped like the rest.
     */
    public static final List<String> RESCUE_ACTIONS = List.of(
            "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume", "ec2:ModifyInstanceAttribute");

    /** Resource types a launch creates and tags with the cluster tag. */
    public static final List<String> TAGGED_AT_LAUNCH = List.of("instance/*", "fleet/*", "spot-instances-request/*");

    private Ec2ControlStatements() {
    }

    public static Map<String, Object> clusterResourceTag(String cluster) {
        return Map.of("StringEquals", Map.of("aws:ResourceTag/" + ClusterNames.CLUSTER_TAG, cluster));
    }

    public static Map<String, Object> clusterRequestTag(String cluster) {
        return Map.of("StringEquals", Map.of("aws:RequestTag/" + ClusterNames.CLUSTER_TAG, cluster));
    }

    /** {@code ec2:Describe*} calls have no resource-level permissions: they need {@code Resource: *}. */
    public static PolicyStatement describe(List<String> actions) {
        return PolicyStatement.Builder.create().sid("DescribeEc2").effect(Effect.ALLOW)
                .actions(actions).resources(List.of("*")).build();
    }

    /**
     * @param subnetIds the node groups' subnets, per region: launches may only use these
     */
    public static List<PolicyStatement> statements(String cluster, ClusterArns arns, Map<String, List<String>> subnetIds,
                                                   String instanceRoleArn) {
        var out = new ArrayList<PolicyStatement>();
        out.add(describe(DESCRIBE_ACTIONS));
        out.add(PolicyStatement.Builder.create().sid("LaunchOnlyClusterTagged")
                .actions(LAUNCH_ACTIONS)
                .resources(taggedResources(arns))
                .conditions(clusterRequestTag(cluster))
                .build());
        List<String> supporting = new ArrayList<>();
        Stream.of("launch-template/*", "security-group/*", "volume/*", "network-interface/*", "key-pair/*",
                "placement-group/*").forEach(r -> supporting.addAll(arns.ec2(r)));
        supporting.addAll(arns.ec2Public("image/*"));
        supporting.addAll(arns.ec2Public("snapshot/*"));
        subnetIds.forEach((region, ids) -> ids.forEach(s -> supporting.add(ClusterArns.ec2(region, "subnet/" + s))));
        out.add(PolicyStatement.Builder.create().sid("LaunchUsingSupportingResources")
                .actions(LAUNCH_ACTIONS)
                .resources(supporting)
                .build());
        out.add(PolicyStatement.Builder.create().sid("TagOnlyWhileLaunching")
                .actions(List.of("ec2:CreateTags"))
                .resources(taggableAtLaunch(arns))
                .conditions(Map.of("StringEquals", Map.of("ec2:CreateAction", List.of("CreateFleet", "RunInstances"))))
                .build());
        out.add(PolicyStatement.Builder.create().sid("MutateOnlyClusterResources")
                .actions(MUTATING_ACTIONS)
                .resources(taggedResources(arns))
                .conditions(clusterResourceTag(cluster))
                .build());
        var rescueResources = new ArrayList<String>(arns.ec2("instance/*"));
        rescueResources.addAll(arns.ec2("volume/*"));
        out.add(PolicyStatement.Builder.create().sid("RescueMovesOnlyClusterVolumes")
                .actions(RESCUE_ACTIONS)
                .resources(rescueResources)
                .conditions(clusterResourceTag(cluster))
                .build());
        out.add(PolicyStatement.Builder.create().sid("RetagOnlyClusterResources")
                .actions(List.of("ec2:CreateTags"))
                .resources(taggedResources(arns))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:ResourceTag/" + ClusterNames.CLUSTER_TAG, cluster),
                        "ForAllValues:StringNotEquals", Map.of("aws:TagKeys", List.of(ClusterNames.CLUSTER_TAG))))
                .build());
        out.add(passRole(instanceRoleArn));
        out.add(PolicyStatement.Builder.create().sid("Ec2FleetAndSpotServiceLinkedRoles")
                .actions(List.of("iam:CreateServiceLinkedRole"))
                .resources(List.of(
                        serviceLinkedRole("spot.amazonaws.com", "AWSServiceRoleForEC2Spot"),
                        serviceLinkedRole("ec2fleet.amazonaws.com", "AWSServiceRoleForEC2Fleet")))
                .conditions(Map.of("StringEquals", Map.of("iam:AWSServiceName",
                        List.of("spot.amazonaws.com", "ec2fleet.amazonaws.com"))))
                .build());
        return out;
    }

    public static PolicyStatement passRole(String instanceRoleArn) {
        return PolicyStatement.Builder.create().sid("PassComputeRoleToEc2")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(instanceRoleArn))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ec2.amazonaws.com")))
                .build();
    }

    public static List<String> taggedResources(ClusterArns arns) {
        return TAGGED_AT_LAUNCH.stream().flatMap(r -> arns.ec2(r).stream()).toList();
    }

    private static List<String> taggableAtLaunch(ClusterArns arns) {
        return Stream.concat(TAGGED_AT_LAUNCH.stream(), Stream.of("volume/*", "network-interface/*"))
                .flatMap(r -> arns.ec2(r).stream()).toList();
    }

    private static String serviceLinkedRole(String service, String name) {
        return "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/aws-service-role/" + service + "/" + name;
    }
}
