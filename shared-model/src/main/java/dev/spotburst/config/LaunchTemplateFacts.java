package dev.spotburst.config;

import java.util.List;

/**
 * What EC2 says about one launch template version ({@code DescribeLaunchTemplateVersions}), reduced to what the
 * hibernation prerequisites need. Null fields were not set in the template.
 *
 * @param hibernationConfigured {@code HibernationOptions.Configured}
 * @param blockDevices          the template's {@code BlockDeviceMappings} (EBS ones)
 */
public record LaunchTemplateFacts(String launchTemplateId, String launchTemplateName, String version,
                                  String imageId, Boolean hibernationConfigured, List<BlockDevice> blockDevices) {

    public LaunchTemplateFacts {
        blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
    }

    public record BlockDevice(String deviceName, Integer volumeSizeGiB, Boolean encrypted) {
    }

    /** Root device names of Linux AMIs: {@code /dev/xvda} (Amazon Linux) or {@code /dev/sda1} (Ubuntu, RHEL…). */
    public static final List<String> ROOT_DEVICE_NAMES = List.of("/dev/xvda", "/dev/sda1");

    public BlockDevice rootDevice() {
        return blockDevices.stream().filter(b -> ROOT_DEVICE_NAMES.contains(b.deviceName())).findFirst().orElse(null);
    }
}
