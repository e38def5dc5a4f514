package dev.spotburst.functions.rescue;

import java.util.Map;

/**
 * The On-Demand instance a rescue launches: the Spot instance's type, subnet (so its AZ, where the root volume
 * lives) and launch template, hibernation configured (it must be hibernated before the swap), the node's tags.
 *
 * @param clientToken deterministic per Spot instance, so a retried launch returns the same instance
 */
public record RescueLaunch(String clientToken, String launchTemplateId, String launchTemplateName,
                           String launchTemplateVersion, String instanceType, String subnetId,
                           Map<String, String> tags) {

    public static final String RESCUED_FROM = "spotburst:rescued-from";

    public RescueLaunch {
        tags = Map.copyOf(tags);
    }

    public static String tokenFor(String spotInstanceId) {
        return "spotburst-rescue-" + spotInstanceId;
    }
}
