package dev.spotburst.functions.rescue.aws;

import dev.spotburst.config.LaunchTemplateDirectory;
import dev.spotburst.config.LaunchTemplateFacts;
import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.functions.ec2.ThrottleRetry;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.util.Optional;

/**
 * {@link LaunchTemplateDirectory} over DescribeLaunchTemplateVersions, for the hibernation prerequisites check
 * ({@code HibernationPrerequisites}) at deploy and in {@code spotburst config validate --check-aws}. Rescue depends
 * on the same prerequisites (the twin is launched from the group's template with hibernation configured).
 */
public final class Ec2LaunchTemplateDirectory implements LaunchTemplateDirectory {

    private final Ec2Client ec2;
    private final ThrottleRetry retry;

    public Ec2LaunchTemplateDirectory(Ec2Client ec2, ThrottleRetry retry) {
        this.ec2 = ec2;
        this.retry = retry;
    }

    static DescribeLaunchTemplateVersionsRequest request(LaunchTemplateRef ref) {
        var b = DescribeLaunchTemplateVersionsRequest.builder().versions(ref.version());
        return (ref.launchTemplateId() != null ? b.launchTemplateId(ref.launchTemplateId())
                : b.launchTemplateName(ref.launchTemplateName())).build();
    }

    @Override
    public Optional<LaunchTemplateFacts> find(LaunchTemplateRef ref) {
        try {
            var resp = retry.call("DescribeLaunchTemplateVersions", () -> ec2.describeLaunchTemplateVersions(request(ref)));
            return resp.launchTemplateVersions().stream().findFirst().map(v -> {
                var d = v.launchTemplateData();
                var devices = d.blockDeviceMappings().stream().filter(m -> m.ebs() != null)
                        .map(m -> new LaunchTemplateFacts.BlockDevice(m.deviceName(), m.ebs().volumeSize(), m.ebs().encrypted()))
                        .toList();
                return new LaunchTemplateFacts(v.launchTemplateId(), v.launchTemplateName(), String.valueOf(v.versionNumber()),
                        d.imageId(), d.hibernationOptions() == null ? null : d.hibernationOptions().configured(), devices);
            });
        } catch (Ec2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (code.startsWith("InvalidLaunchTemplateId") || code.startsWith("InvalidLaunchTemplateName")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
