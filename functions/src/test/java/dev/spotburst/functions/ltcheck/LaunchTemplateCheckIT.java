package dev.spotburst.functions.ltcheck;

import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.handlers.LaunchTemplateCheckHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;

import java.nio.file.Path;

import static dev.spotburst.functions.ltcheck.LaunchTemplateCheckFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler as deployed (DescribeLaunchTemplateVersions through {@link AwsClients}) against launch templates in the
 * EC2 emulator, driven by the saved Provider-framework events: one response per event, FAILED naming the path.
 */
class LaunchTemplateCheckIT {
    /** The fixture's us-east-1 partition only (the emulator serves one region). */
    static final String ONE_REGION = LaunchTemplateCheckFixture.PARTITIONS.substring(0,
            LaunchTemplateCheckFixture.PARTITIONS.indexOf(",\n  {\"PartitionName\": \"far\"")) + "\n]}";

    @TempDir
    Path dir;

    Ec2Emulator emu;
    Ec2Client client;
    LaunchTemplateCheckHandler handler;
    final ProviderResponses cfn = new ProviderResponses();

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("us-east-1").build());
        client = Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.US_EAST_1).build();
        handler = new LaunchTemplateCheckHandler(LaunchTemplateCheckHandler.check(
                LaunchTemplateCheckFixture.config(dir, ONE_REGION), new AwsClients(emu.endpoint(), null, null)));
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
    }

    void template(String name, Boolean hibernation, int rootGiB, boolean encrypted) {
        client.createLaunchTemplate(r -> r.launchTemplateName(name).launchTemplateData(d -> {
            d.imageId("ami-12345678");
            if (hibernation != null) {
                d.hibernationOptions(h -> h.configured(hibernation));
            }
            d.blockDeviceMappings(LaunchTemplateBlockDeviceMappingRequest.builder().deviceName("/dev/xvda")
                    .ebs(e -> e.volumeSize(rootGiB).encrypted(encrypted)).build());
        }));
    }

    @Test
    void aTemplateWithoutHibernationConfiguredFailsTheDeployWithItsPath() {
        template("demo-batch-hib", null, 40, true);
        var r = cfn.send(handler, event("create"));
        assertThat(cfn.sent).hasSize(1);
        assertThat(r.status()).isEqualTo("FAILED");
        assertThat(r.reason()).contains("spotburst: 1 launch template problem(s)", "config validate --check-aws",
                "\nerror: partitions.json $.Partitions[0].NodeGroups[1].LaunchTemplateSpecification.HibernationOptions: "
                        + "got \"launch template demo-batch-hib version $Latest\", expected HibernationOptions.Configured "
                        + "= true in launch template demo-batch-hib version $Latest");
    }

    @Test
    void aTemplateMeetingThePrerequisitesSucceeds() {
        template("demo-batch-hib", true, 40, true);
        assertThat(cfn.send(handler, event("create")))
                .isEqualTo(new ProviderResponses.Response("SUCCESS", "spotburst-launch-template-check-demo", null));
        assertThat(cfn.send(handler, event("update")).status()).isEqualTo("SUCCESS");
        assertThat(cfn.sent).hasSize(2);
    }

    @Test
    void aMissingTemplateAndAnUnencryptedSmallRootAreEachNamed() {
        var missing = cfn.send(handler, event("create"));
        assertThat(missing.reason()).contains("LaunchTemplateSpecification: got \"launch template demo-batch-hib "
                + "version $Latest\", expected an existing launch template");
        template("demo-batch-hib", true, 30, false);
        var wrong = cfn.send(handler, event("create"));
        assertThat(wrong.reason()).contains("spotburst: 2 launch template problem(s)",
                "BlockDeviceMappings./dev/xvda.Ebs.Encrypted", "BlockDeviceMappings./dev/xvda.Ebs.VolumeSize: got \"30\", "
                        + "expected a root volume of at least 40 GiB");
        assertThat(cfn.send(handler, event("delete")).status()).isEqualTo("SUCCESS");
        assertThat(cfn.sent).extracting(ProviderResponses.Response::status).containsExactly("FAILED", "FAILED", "SUCCESS");
    }
}
