package dev.spotburst.functions.launch;

import java.util.Set;

/**
 * EC2 error codes by meaning. Capacity errors make us try other pools / On-Demand and finally fail the node with
 * the code. Throttling is never capacity: misreading it as capacity downed 500 nodes in ParallelCluster
 * (aws-parallelcluster-node#734), so it is retried with backoff instead.
 */
public final class CapacityErrors {
    private static final Set<String> CAPACITY = Set.of(
            "InsufficientInstanceCapacity",
            "InsufficientHostCapacity",
            "InsufficientReservedInstanceCapacity",
            "InsufficientCapacity",
            "MaxSpotInstanceCountExceeded",
            "MaxSpotFleetRequestCountExceeded",
            "SpotMaxPriceTooLow",
            "Unsupported",
            "InsufficientFreeAddressesInSubnet",
            "VcpuLimitExceeded",
            "InstanceLimitExceeded",
            "UnfulfillableCapacity");

    private static final Set<String> THROTTLE = Set.of(
            "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled");

    private CapacityErrors() {
    }

    public static boolean isCapacity(String code) {
        return code != null && CAPACITY.contains(code);
    }

    public static boolean isThrottle(String code) {
        return code != null && THROTTLE.contains(code);
    }
}
