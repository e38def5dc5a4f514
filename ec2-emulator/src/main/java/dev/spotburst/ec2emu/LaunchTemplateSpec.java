package dev.spotburst.ec2emu;

import java.util.Map;

/** A launch template pre-seeded into the emulator (version 1 is both default and latest). */
public record LaunchTemplateSpec(String launchTemplateId, String launchTemplateName, String imageId, String instanceType,
                                 boolean hibernationConfigured, Map<String, String> instanceTags) {

    public LaunchTemplateSpec {
        if (launchTemplateId == null || !launchTemplateId.startsWith("lt-")) {
            throw new IllegalArgumentException("launchTemplateId must start with 'lt-', got '" + launchTemplateId + "'");
        }
        if (launchTemplateName == null || launchTemplateName.isBlank()) {
            throw new IllegalArgumentException("launchTemplateName is required for " + launchTemplateId);
        }
        instanceTags = instanceTags == null ? Map.of() : Map.copyOf(instanceTags);
    }

    public static LaunchTemplateSpec of(String id, String name, String imageId, String instanceType) {
        return new LaunchTemplateSpec(id, name, imageId, instanceType, false, Map.of());
    }
}
