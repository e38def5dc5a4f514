package dev.spotburst.cdk.nodes;

import dev.spotburst.config.NodeGroupConfig;

import java.util.function.ToLongFunction;

/**
 * Root volume size for a node group. Hibernation writes RAM to the root volume, so a hibernating group needs at
 * least the largest instance type's memory plus the operating system; other groups get the OS size.
 */
public final class RootVolume {

    private RootVolume() {
    }

    /**
     * @param memoryMiB instance type → memory in MiB (from the instance type catalog)
     * @param osGiB     space for the operating system and software
     */
    public static int sizeGiB(NodeGroupConfig group, ToLongFunction<String> memoryMiB, int osGiB) {
        if (!group.hibernates()) {
            return osGiB;
        }
        long maxMiB = group.instanceTypes().stream().mapToLong(memoryMiB).max().orElse(0);
        return Math.toIntExact((maxMiB + 1023) / 1024) + osGiB;
    }
}
