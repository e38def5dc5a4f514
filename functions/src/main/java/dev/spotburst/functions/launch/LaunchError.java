package dev.spotburst.functions.launch;

import dev.spotburst.model.Market;

/** One error EC2 reported for a pool (CreateFleet errorSet item, or a RunInstances error). */
public record LaunchError(String code, String message, String instanceType, String subnetId, Market market) {

    public boolean isCapacity() {
        return CapacityErrors.isCapacity(code);
    }

    public boolean isThrottle() {
        return CapacityErrors.isThrottle(code);
    }
}
