package dev.spotburst.cdk;

import java.util.Optional;

/**
 * Deployment choices that are not part of the cluster configuration files (CDK context keys in brackets).
 *
 * @param headNodeRoleArn         [headNodeRoleArn] attach the head-node policy to this role instead of creating one
 * @param headNodeSecurityGroupId [headNodeSecurityGroupId] with vpcId: compute and head node may reach each other
 * @param vpcId                   [vpcId] VPC of the node groups' subnets; creates the compute security group
 * @param alarmTopicArn           [alarmTopicArn] send alarms here
 * @param alarmEmail              [alarmEmail] or create an encrypted topic with this e-mail subscription
 * @param amiId                   [amiId] image of created launch templates (default: latest Amazon Linux 2023)
 * @param tableDeletionProtection [tableDeletionProtection] default true (also retains the table)
 * @param requestsConcurrency     [requestsConcurrency] reserved concurrency of the requests consumer, default 2
 * @param osVolumeGiB             [osVolumeGiB] root volume beyond RAM, default 20
 * @param rootDeviceName          [rootDeviceName] default /dev/xvda (Amazon Linux)
 */
public record DeploymentOptions(
        Optional<String> headNodeRoleArn,
        Optional<String> headNodeSecurityGroupId,
        Optional<String> vpcId,
        Optional<String> alarmTopicArn,
        Optional<String> alarmEmail,
        Optional<String> amiId,
        boolean tableDeletionProtection,
        int requestsConcurrency,
        int osVolumeGiB,
        String rootDeviceName) {

    public static DeploymentOptions defaults() {
        return new DeploymentOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), true, 2, 20, "/dev/xvda");
    }

    public DeploymentOptions {
        if (requestsConcurrency < 1) {
            throw new IllegalArgumentException("requestsConcurrency must be >= 1, got " + requestsConcurrency);
        }
        if (osVolumeGiB < 8) {
            throw new IllegalArgumentException("osVolumeGiB must be >= 8, got " + osVolumeGiB);
        }
    }
}
