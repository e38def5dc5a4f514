package dev.spotburst.ec2emu;

/**
 * Immutable snapshot of one EBS volume.
 *
 * @param hibernationImage opaque memory id saved on the volume by a hibernation and not yet resumed, or null
 */
public record VolumeView(String volumeId, String availabilityZone, String state, String instanceId, String device,
                         boolean deleteOnTermination, int sizeGiB, boolean encrypted, String hibernationImage) {
}
