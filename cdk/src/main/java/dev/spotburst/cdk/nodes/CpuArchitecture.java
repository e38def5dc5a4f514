package dev.spotburst.cdk.nodes;

import dev.spotburst.config.NodeGroupConfig;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The CPU architecture a launch template's image must have. Graviton families carry a {@code g} in the suffix
 * after the generation digit ({@code m7g}, {@code c6gn}, {@code x2gd}, {@code is4gen}); {@code g5} is an x86 GPU.
 */
public final class CpuArchitecture {

    private static final Pattern GRAVITON = Pattern.compile("^[a-z]+\\d+[a-z]*g[a-z]*(-[a-z0-9]+)?\\..+$");

    private CpuArchitecture() {
    }

    public static boolean isArm(String instanceType) {
        return GRAVITON.matcher(instanceType).matches();
    }

    /** One image per template: a group mixing architectures is a configuration error. */
    public static AmazonLinuxCpuType of(NodeGroupConfig group) {
        List<Boolean> arm = group.instanceTypes().stream().map(CpuArchitecture::isArm).distinct().toList();
        if (arm.size() > 1) {
            throw new IllegalArgumentException("node group " + group.id() + " mixes arm64 and x86_64 instance types "
                    + group.instanceTypes() + "; one launch template cannot serve both");
        }
        return arm.equals(List.of(true)) ? AmazonLinuxCpuType.ARM_64 : AmazonLinuxCpuType.X86_64;
    }
}
