package dev.spotburst.cdk.nodes;

import dev.spotburst.cdk.ClusterNames;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.model.NodeGroupId;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.IMachineImage;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.LaunchTemplateHttpTokens;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.IInstanceProfile;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A launch template per node group that asks for one, or the user's own used as is.
 *
 * <p>Convention: a node group whose {@code LaunchTemplateSpecification} names {@code <cluster>-<partition>-<group>}
 * gets that template created and owned by the stack; any other name or id is the user's existing template and
 * nothing is created. Created templates require IMDSv2, expose instance tags in IMDS (the node reads its
 * {@code Name} tag, when it has one, to learn its Slurm name), are hibernation-configured for hibernating groups with an encrypted root
 * volume of RAM + OS, and run the bootstrap script as user data when one is shipped, with the state table's name and
 * region written into it (nodes without a per-node {@code Name} tag read their name from their launch record).
 */
public final class NodeLaunchTemplates extends Construct {

    /**
     * @param memoryMiB       instance type → memory (MiB), sizes hibernating groups' root volumes
     * @param bootstrapScript user data (the compute-node bootstrap script), if any
     * @param bootstrapSettings what the bootstrap needs from the stack, written into the script
     * @param amiId           image for every created template; default: latest Amazon Linux 2023 via SSM
     */
    public record Props(ClusterNames names, ClusterConfig config, IInstanceProfile instanceProfile,
                        ToLongFunction<String> memoryMiB, Optional<String> bootstrapScript,
                        BootstrapSettings bootstrapSettings, Optional<String> amiId,
                        Optional<ISecurityGroup> securityGroup, int osVolumeGiB, String rootDeviceName) {
    }

    private final Map<NodeGroupId, LaunchTemplate> created = new LinkedHashMap<>();

    public NodeLaunchTemplates(Construct scope, String id, Props props) {
        super(scope, id);
        for (NodeGroupConfig g : props.config().nodeGroups().toList()) {
            if (isManaged(props.names(), g)) {
                created.put(g.id(), template(g, props));
            }
        }
    }

    public static boolean isManaged(ClusterNames names, NodeGroupConfig g) {
        return g.launchTemplate().launchTemplateId() == null
                && names.launchTemplate(g.partitionName(), g.nodeGroupName()).equals(g.launchTemplate().launchTemplateName());
    }

    private LaunchTemplate template(NodeGroupConfig g, Props p) {
        int rootGiB = RootVolume.sizeGiB(g, p.memoryMiB(), p.osVolumeGiB());
        var b = LaunchTemplate.Builder.create(this, g.id().partition() + g.id().nodeGroup())
                .launchTemplateName(p.names().launchTemplate(g.partitionName(), g.nodeGroupName()))
                .machineImage(image(g, p.amiId()))
                .instanceProfile(p.instanceProfile())
                .httpEndpoint(true)
                .httpTokens(LaunchTemplateHttpTokens.REQUIRED)
                .instanceMetadataTags(true)
                .hibernationConfigured(g.hibernates() ? true : null)
                .blockDevices(List.of(BlockDevice.builder()
                        .deviceName(p.rootDeviceName())
                        .volume(BlockDeviceVolume.ebs(rootGiB, EbsDeviceOptions.builder()
                                .encrypted(true)
                                .volumeType(EbsDeviceVolumeType.GP3)
                                .deleteOnTermination(true)
                                .build()))
                        .build()));
        p.bootstrapScript().ifPresent(s -> b.userData(UserData.custom(p.bootstrapSettings().applyTo(s))));
        p.securityGroup().ifPresent(b::securityGroup);
        return b.build();
    }

    private static IMachineImage image(NodeGroupConfig g, Optional<String> amiId) {
        if (amiId.isPresent()) {
            return MachineImage.genericLinux(Map.of(g.region(), amiId.get()));
        }
        return MachineImage.latestAmazonLinux2023(AmazonLinux2023ImageSsmParameterProps.builder()
                .cpuType(CpuArchitecture.of(g))
                .build());
    }

    public Map<NodeGroupId, LaunchTemplate> created() {
        return Map.copyOf(created);
    }
}
