package dev.spotburst.cdk.iam;

import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.InstanceProfile;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.List;
import java.util.Optional;

/**
 * What the head node (Slurm power-save shims and the agent) may do: send requests, receive and delete commands,
 * send reports. Nothing else. Either a new role with an instance profile, or a policy attached to the user's role.
 */
public final class HeadNodeAccess extends Construct {

    public static final List<String> SEND = List.of("sqs:SendMessage");
    public static final List<String> RECEIVE_DELETE = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage");

    public record Props(String clusterName, IQueue requests, IQueue commands, IQueue reports,
                        Optional<String> existingRoleArn) {
    }

    private final IRole role;
    private final Optional<InstanceProfile> instanceProfile;

    public HeadNodeAccess(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.existingRoleArn().isPresent()) {
            role = Role.fromRoleArn(this, "Role", props.existingRoleArn().get(),
                    FromRoleArnOptions.builder().mutable(true).build());
            instanceProfile = Optional.empty();
        } else {
            Role created = Role.Builder.create(this, "Role")
                    .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                    .description("spotburst " + props.clusterName() + " head node: power-save shims and agent")
                    .build();
            role = created;
            instanceProfile = Optional.of(InstanceProfile.Builder.create(this, "InstanceProfile").role(created).build());
        }
        Policy.Builder.create(this, "QueueAccess")
                .roles(List.of(role))
                .statements(List.of(
                        statement("SendPowerSaveRequests", SEND, props.requests()),
                        statement("ReceiveCommands", RECEIVE_DELETE, props.commands()),
                        statement("SendReports", SEND, props.reports())))
                .build();
    }

    private static PolicyStatement statement(String sid, List<String> actions, IQueue queue) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(List.of(queue.getQueueArn())).build();
    }

    public IRole role() {
        return role;
    }

    public Optional<InstanceProfile> instanceProfile() {
        return instanceProfile;
    }
}
