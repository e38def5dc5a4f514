package dev.spotburst.functions.rescue;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigProblem;
import dev.spotburst.config.HibernationPrerequisites;
import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.rescue.aws.Ec2LaunchTemplateDirectory;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The EC2-backed hibernation prerequisites against crafted launch templates in the emulator. */
class LaunchTemplateCheckRescueIT {
    Ec2Emulator emu;
    Ec2Client client;

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1")
                .instanceType(new InstanceTypeSpec("m6i.2xlarge", 8, 32768, true, "x86_64", 0.384, 0.15)).build());
        client = Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.EU_WEST_1).build();
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
    }

    void template(String name, Boolean hibernation, Integer size, Boolean encrypted) {
        client.createLaunchTemplate(r -> r.launchTemplateName(name).launchTemplateData(d -> {
            d.imageId("ami-1").instanceType("m6i.2xlarge");
            if (hibernation != null) {
                d.hibernationOptions(h -> h.configured(hibernation));
            }
            if (size != null) {
                d.blockDeviceMappings(LaunchTemplateBlockDeviceMappingRequest.builder().deviceName("/dev/xvda")
                        .ebs(e -> e.volumeSize(size).encrypted(encrypted)).build());
            }
        }));
    }

    List<ConfigProblem> check(String name) {
        var g = RescueIT.hib();
        var group = new NodeGroupConfig(g.partitionName(), g.nodeGroupName(), g.maxNodes(), g.region(), null,
                g.purchasingOption(), g.onDemandOptions(), g.spotOptions(), new LaunchTemplateRef(null, name, "$Latest"),
                g.launchTemplateOverrides(), g.subnetIds(), g.tags(), g.slurmSpecifications(), g.spotburst());
        var config = new ClusterConfig(List.of(new PartitionConfig("batch", List.of(group), Map.of())),
                RescueIT.cluster().plugin());
        var dir = new Ec2LaunchTemplateDirectory(client, ThrottleRetry.standard());
        return HibernationPrerequisites.check(config, dir, OfflineInstanceTypeCatalog.load());
    }

    @Test
    void eachFailureIsReportedWithThePathAndTheTemplate() {
        template("good", true, 40, true);
        template("no-hibernation", false, 40, true);
        template("plain-root", true, 40, false);
        template("small-root", true, 20, true);
        assertThat(check("good")).isEmpty();
        assertThat(check("missing")).singleElement().satisfies(p -> assertThat(p.expected()).contains("an existing launch template"));
        assertThat(check("no-hibernation")).singleElement()
                .satisfies(p -> assertThat(p.jsonPath()).endsWith("LaunchTemplateSpecification.HibernationOptions"));
        assertThat(check("plain-root")).singleElement()
                .satisfies(p -> assertThat(p.jsonPath()).endsWith("/dev/xvda.Ebs.Encrypted"));
        assertThat(check("small-root")).singleElement().satisfies(p -> {
            assertThat(p.jsonPath()).endsWith("/dev/xvda.Ebs.VolumeSize");
            assertThat(p.expected()).contains("at least 40 GiB").contains("small-root");
        });
    }
}
