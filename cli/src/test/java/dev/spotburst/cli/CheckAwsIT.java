package dev.spotburst.cli;

import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config validate --check-aws} against the EC2 emulator, reached the way users point it anywhere: the SDK's endpoint setting. */
class CheckAwsIT {

    @Test
    void hibernatingGroupWhoseLaunchTemplateLacksHibernationFailsWithItsPath() {
        try (Ec2Emulator emulator = Ec2Emulator.start(Ec2EmulatorOptions.defaults());
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(emulator.endpoint()).region(Region.EU_WEST_1)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            // The bundled example's hibernating group uses hpc-node-hibernate; this one forgot HibernationOptions.
            ec2.createLaunchTemplate(r -> r.launchTemplateName("hpc-node-hibernate")
                    .launchTemplateData(d -> d.imageId("ami-12345678")));
            System.setProperty("aws.endpointUrlEc2", emulator.endpoint().toString());
            var err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = Main.run("config", "validate", "--check-aws");
            } finally {
                System.setErr(old);
                System.clearProperty("aws.endpointUrlEc2");
            }
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(stderr).isEqualTo(2);
            assertThat(stderr).contains("$.Partitions[0].NodeGroups[1].LaunchTemplateSpecification")
                    .contains("HibernationOptions.Configured");
        }
    }
}
