package dev.spotburst.config;

import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.instancetypes.InstanceTypeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The EC2-backed half of the hibernation checks ({@code spotburst config validate --check-aws}, and at deploy): what
 * only the launch template in EC2 can tell. The offline half (instance type supports hibernation, RAM under 150 GB)
 * runs in {@link LaunchTemplateRules} when the files are loaded. EC2 User Guide, "Prerequisites for EC2 instance
 * hibernation": hibernation must be enabled at launch ({@code HibernationOptions.Configured}); the root volume must
 * be an encrypted EBS volume large enough to hold the RAM contents and the OS. One problem per failure, located at the
 * group's {@code LaunchTemplateSpecification} and naming the template.
 */
public final class HibernationPrerequisites {

    /** Room kept for the OS and software next to the RAM image (EC2 only says "expected usage"; AL2023 needs ~2 GiB). */
    public static final int OS_ALLOWANCE_GIB = 8;

    private HibernationPrerequisites() {
    }

    public static List<ConfigProblem> check(ClusterConfig config, LaunchTemplateDirectory templates,
                                            InstanceTypeCatalog catalog) {
        var out = new ArrayList<ConfigProblem>();
        var partitions = config.partitions();
        for (int p = 0; p < partitions.size(); p++) {
            var groups = partitions.get(p).nodeGroups();
            for (int g = 0; g < groups.size(); g++) {
                NodeGroupConfig group = groups.get(g);
                if (group.hibernates()) {
                    String path = "$.Partitions[" + p + "].NodeGroups[" + g + "].LaunchTemplateSpecification";
                    check(group, path, templates, catalog, out);
                }
            }
        }
        return out;
    }

    private static void check(NodeGroupConfig group, String path, LaunchTemplateDirectory templates,
                              InstanceTypeCatalog catalog, List<ConfigProblem> out) {
        LaunchTemplateRef ref = group.launchTemplate();
        String name = describe(ref);
        var found = templates.find(ref);
        if (found.isEmpty()) {
            out.add(error(path, name, "an existing launch template (EC2 does not know " + name + ")"));
            return;
        }
        LaunchTemplateFacts lt = found.get();
        if (!Boolean.TRUE.equals(lt.hibernationConfigured())) {
            out.add(error(path + ".HibernationOptions", name, "HibernationOptions.Configured = true in " + name
                    + " (hibernation can only be enabled at launch; node group " + group.id() + " hibernates)"));
        }
        var root = lt.rootDevice();
        if (root == null) {
            out.add(new ConfigProblem(ConfigProblem.Severity.WARNING, "partitions.json", path + ".BlockDeviceMappings",
                    Problems.quote(name), "a BlockDeviceMapping for the root device (/dev/xvda or /dev/sda1) in " + name
                    + " with Encrypted = true and a VolumeSize that holds the RAM (otherwise the AMI's root volume is "
                    + "used and its encryption and size cannot be checked here)"));
            return;
        }
        if (!Boolean.TRUE.equals(root.encrypted())) {
            out.add(error(path + ".BlockDeviceMappings." + root.deviceName() + ".Ebs.Encrypted", name,
                    "an encrypted root volume in " + name + " (EC2 hibernates only instances whose EBS root volume "
                            + "is encrypted)"));
        }
        if (root.volumeSizeGiB() == null) {
            return;
        }
        for (String type : group.instanceTypes()) {
            var info = catalog.find(type);
            if (info.isEmpty()) {
                continue;
            }
            long needed = requiredRootGiB(info.get());
            if (root.volumeSizeGiB() < needed) {
                out.add(error(path + ".BlockDeviceMappings." + root.deviceName() + ".Ebs.VolumeSize",
                        String.valueOf(root.volumeSizeGiB()), "a root volume of at least " + needed + " GiB in "
                                + name + " (" + type + " has " + info.get().memoryMiB() / 1024 + " GiB of RAM to save"
                                + " plus " + OS_ALLOWANCE_GIB + " GiB for the OS)"));
            }
        }
    }

    static long requiredRootGiB(InstanceTypeInfo t) {
        return (t.memoryMiB() + 1023) / 1024 + OS_ALLOWANCE_GIB;
    }

    private static String describe(LaunchTemplateRef ref) {
        return "launch template " + (ref.launchTemplateId() != null ? ref.launchTemplateId() : ref.launchTemplateName())
                + " version " + ref.version();
    }

    private static ConfigProblem error(String path, String value, String expected) {
        return new ConfigProblem(ConfigProblem.Severity.ERROR, "partitions.json", path, Problems.quote(value), expected);
    }
}
