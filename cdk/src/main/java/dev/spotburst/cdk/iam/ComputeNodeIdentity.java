package dev.spotburst.cdk.iam;

import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.iam.InstanceProfile;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Role and instance profile of the compute nodes. A node learns its Slurm name at boot from its own {@code Name}
 * tag through IMDS ({@code InstanceMetadataTags=enabled} in the launch template, no IAM) when its launch call
 * tagged it per node, otherwise from its launch record in the state table ({@code pk = LAUNCH#<instance-id>}).
 * The role may read launch records and nothing else: {@code dynamodb:GetItem} on the table, limited by
 * {@code dynamodb:LeadingKeys} to partition keys starting {@code LAUNCH#}; no writes, no queries, no scans.
 * {@code kms:Decrypt} is added only when the table has a customer-managed key (the default AWS-managed key needs
 * none). {@code ec2:DescribeTags} is a fallback for images that read tags through the API — it has no
 * resource-level permissions, so it cannot be limited to the instance itself.
 */
public final class ComputeNodeIdentity extends Construct {

    /** Partition-key prefix of launch records (functions' TableLayout.launchPk). */
    public static final String LAUNCH_KEYS = "LAUNCH#*";

    public record Props(String clusterName, ITableV2 stateTable) {
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
        Policy.Builder.create(this, "ReadLaunchRecords")
                .roles(List.of(role))
                .statements(launchRecordStatements(props.stateTable()))
                .build();
        instanceProfile = InstanceProfile.Builder.create(this, "InstanceProfile").role(role).build();
    }

    private static List<PolicyStatement> launchRecordStatements(ITableV2 table) {
        var statements = new ArrayList<PolicyStatement>();
        statements.add(PolicyStatement.Builder.create().sid("GetLaunchRecord")
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(LAUNCH_KEYS))))
                .build());
        IKey key = table.getEncryptionKey();
        if (key != null) {
            statements.add(PolicyStatement.Builder.create().sid("DecryptStateTable")
                    .actions(List.of("kms:Decrypt"))
                    .resources(List.of(key.getKeyArn()))
                    .build());
        }
        return statements;
    }

    public Role role() {
        return role;
    }

    public InstanceProfile instanceProfile() {
        return instanceProfile;
    }
}
