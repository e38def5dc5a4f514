package dev.spotburst.ec2emu;

import java.time.Instant;
import java.util.Map;

/**
 * Immutable snapshot of one instance, for assertions and the demo's status view.
 *
 * @param rootVolumeId           volume at the root device, null while detached
 * @param memory                 opaque id of the RAM contents the instance runs with: new at every cold boot, carried
 *                               over when a start resumes a hibernation image (also one written by another instance)
 * @param resumedFromHibernation the last start resumed a hibernation image rather than booting cold
 */
public record InstanceView(String instanceId, String instanceType, String availabilityZone, String subnetId,
                           String state, String privateIpAddress, String market, String spotInstanceRequestId,
                           String fleetId, String stateReasonCode, boolean hibernated, Instant launchTime,
                           Map<String, String> tags, String rootVolumeId, String memory,
                           boolean resumedFromHibernation) {
}
