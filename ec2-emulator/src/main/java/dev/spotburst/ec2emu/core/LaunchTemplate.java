package dev.spotburst.ec2emu.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A launch template with its single version (version 1 is default and latest). */
public record LaunchTemplate(String id, String name, Instant createTime, String versionDescription, String imageId,
                             String instanceType, String keyName, String subnetId, Boolean hibernationConfigured,
                             Map<String, String> instanceTags, List<BlockDeviceTemplate> blockDevices) {

    public LaunchTemplate {
        blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
    }

    /** The mapping for the root device, if the template sets one. */
    public BlockDeviceTemplate rootDevice(String rootDeviceName) {
        for (BlockDeviceTemplate b : blockDevices) {
            if (rootDeviceName.equals(b.deviceName())) {
                return b;
            }
        }
        return null;
    }
}
