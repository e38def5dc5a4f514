package dev.spotburst.cdk.iam;

import dev.spotburst.cdk.nag.NagResource;
import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/** The EC2 control policy shared by the launch paths (see {@link Ec2ControlStatements}). */
public final class Ec2ControlPolicy extends Construct {

    public record Props(String clusterName, ClusterArns arns, Map<String, List<String>> subnetIdsByRegion,
                        String instanceRoleArn) {
    }

    private final ManagedPolicy policy;

    public Ec2ControlPolicy(Construct scope, String id, Props props) {
        super(scope, id);
        List<PolicyStatement> statements = Ec2ControlStatements.statements(
                props.clusterName(), props.arns(), props.subnetIdsByRegion(), props.instanceRoleArn());
        policy = ManagedPolicy.Builder.create(this, "Policy")
                .description("spotburst " + props.clusterName() + ": launch and manage cluster-tagged EC2 capacity")
                .document(PolicyDocument.Builder.create().statements(statements).build())
                .build();
        List<String> wildcards = statements.stream().flatMap(s -> s.getResources().stream()).distinct().toList();
        Suppress.rule(policy, "AwsSolutions-IAM5",
                "EC2 Describe* actions have no resource-level permissions (Resource *). Resource-id wildcards are "
                        + "for resources created at run time (instances, fleets, Spot requests, volumes, network "
                        + "interfaces): launches are conditioned on aws:RequestTag/spotburst:cluster, every mutation on "
                        + "aws:ResourceTag/spotburst:cluster; templates, images, snapshots, security groups, key pairs "
                        + "and placement groups are only read by a launch.",
                NagResource.appliesTo(this, wildcards));
    }

    public ManagedPolicy policy() {
        return policy;
    }
}
