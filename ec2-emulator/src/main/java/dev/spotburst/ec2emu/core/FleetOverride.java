package dev.spotburst.ec2emu.core;

/**
 * One launch template config × override, resolved to a concrete pool (type + subnet). The request's own values are
 * kept so responses can echo {@code launchTemplateAndOverrides} exactly as sent.
 */
public record FleetOverride(String launchTemplateId, String launchTemplateName, String version,
                            String instanceType, String subnetId, String availabilityZone,
                            Double priority, Double weightedCapacity, String maxPrice,
                            String requestedSubnetId, String requestedAvailabilityZone) {

    public double weight() {
        return weightedCapacity == null || weightedCapacity <= 0 ? 1.0 : weightedCapacity;
    }
}
