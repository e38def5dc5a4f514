package dev.spotburst.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where a subnet lives. Validation uses it to reject two subnets of one group in the same availability zone
 * (CreateFleet rejects such a request with "duplicate instance pools") and the generator to add AZ features.
 * Offline, the answer comes from {@code config.json}'s {@code Spotburst.SubnetAvailabilityZones}; an
 * EC2-backed implementation (DescribeSubnets) can be passed to {@link ConfigLoader} instead.
 */
@FunctionalInterface
public interface SubnetDirectory {

    /** The availability zone name (e.g. {@code eu-west-1a}) of the subnet, if known. */
    Optional<String> availabilityZone(String subnetId);

    SubnetDirectory UNKNOWN = subnet -> Optional.empty();

    static SubnetDirectory of(Map<String, String> subnetToZone) {
        Map<String, String> copy = Map.copyOf(subnetToZone);
        return subnet -> Optional.ofNullable(copy.get(subnet));
    }
}
