package dev.spotburst.cdk.iam;

import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.services.iam.InstanceProfile;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

import java.util.List;

/**
 * Role and instance profile of the compute nodes. A node learns its Slurm name from its own {@code Name} tag
 * through IMDS ({@code InstanceMetadataTags=enabled} in the launch template), which needs no IAM at all;
 * {@code ec2:DescribeTags} is granted only as a fallback for images that read tags through the API — it has no
 * resource-level permissions, so it cannot be limited to the instance itself.
 */
public final class ComputeNodeIdentity extends Construct {

    public record Props(String clusterName) {
    }

    private final Role role;
    private final InstanceProfile instanceProfile;

    public ComputeNodeIdentity(Construct scope, String id, Props props) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .description("spotburst " + props.clusterName() + " compute nodes")
                .build();
        Policy policy = Policy.Builder.create(this, "ReadOwnTags")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create().sid("DescribeTagsFallback")
                        .actions(List.of("ec2:DescribeTags"))
                        .resources(List.of("*"))
                        .build()))
                .build();
        Suppress.rule(policy, "AwsSolutions-IAM5",
                "ec2:DescribeTags supports no resource-level permissions; read-only fallback for reading the "
                        + "node's own Name tag (the primary path is IMDS instance tags, no IAM).",
                List.of("Resource::*"));
        instanceProfile = InstanceProfile.Builder.create(this, "InstanceProfile").role(role).build();
    }

    public Role role() {
        return role;
    }

    public InstanceProfile instanceProfile() {
        return instanceProfile;
    }
}
