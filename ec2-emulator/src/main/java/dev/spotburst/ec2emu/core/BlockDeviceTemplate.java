package dev.spotburst.ec2emu.core;

/**
 * One {@code LaunchTemplateData.BlockDeviceMapping} entry (EBS only). Null fields were not set; EC2 then takes the
 * AMI's value (the emulator's "AMI" has an 8 GiB unencrypted gp3 root at {@code /dev/xvda}).
 */
public record BlockDeviceTemplate(String deviceName, Integer volumeSize, Boolean encrypted, Boolean deleteOnTermination,
                                  String volumeType) {
}
