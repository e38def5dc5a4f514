package dev.spotburst.config;

/** {@code LaunchTemplateSpecification}: exactly one of id or name, and a version ({@code $Latest} when absent). */
public record LaunchTemplateRef(String launchTemplateId, String launchTemplateName, String version) {
    public LaunchTemplateRef {
        version = version == null || version.isBlank() ? "$Latest" : version;
    }
}
