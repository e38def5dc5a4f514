package dev.spotburst.config;

import java.util.Optional;

/** Port: looks up a launch template version in EC2 (DescribeLaunchTemplateVersions). Empty when it does not exist. */
public interface LaunchTemplateDirectory {
    Optional<LaunchTemplateFacts> find(LaunchTemplateRef ref);
}
