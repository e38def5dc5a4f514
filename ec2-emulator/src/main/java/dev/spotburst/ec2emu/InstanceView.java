package dev.spotburst.ec2emu;

import java.time.Instant;
import java.util.Map;

/** Immutable snapshot of one instance, for assertions and the demo's status view. */
public record InstanceView(String instanceId, String instanceType, String availabilityZone, String subnetId,
                           String state, String privateIpAddress, String market, String spotInstanceRequestId,
                           String fleetId, String stateReasonCode, boolean hibernated, Instant launchTime,
                           Map<String, String> tags) {
}
