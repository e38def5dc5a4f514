package dev.spotburst.ec2emu.core;

import java.util.Map;

/** Everything needed to put one new instance into a pool. */
public record LaunchSpec(String instanceType, Subnet subnet, String market, String imageId, String keyName,
                         boolean hibernationConfigured, String interruptionBehavior, String spotRequestId,
                         String fleetId, String launchTemplateId, String launchTemplateName, String launchTemplateVersion,
                         String clientToken, String reservationId, int amiLaunchIndex, double weight,
                         Map<String, String> tags) {
}
