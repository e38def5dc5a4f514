package dev.spotburst.config;

import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.model.Market;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HibernationPrerequisitesTest {
    static final String PATH = "$.Partitions[0].NodeGroups[1].LaunchTemplateSpecification";

    static ClusterConfig cluster() {
        var od = new NodeGroupConfig("batch", "od", 2, "eu-west-1", null, Market.ON_DEMAND, Map.of(), Map.of(),
                new LaunchTemplateRef("lt-plain", null, "$Latest"), List.of(new InstanceOverride("m6i.2xlarge", Map.of())),
                List.of("subnet-a"), List.of(), Map.of(), null);
        var hib = new NodeGroupConfig("batch", "hib", 2, "eu-west-1", null, Market.SPOT, Map.of(),
                Map.of("InstanceInterruptionBehavior", "hibernate"), new LaunchTemplateRef(null, "hpc-hib", "3"),
                List.of(new InstanceOverride("m6i.2xlarge", Map.of()), new InstanceOverride("r6i.2xlarge", Map.of())),
                List.of("subnet-a"), List.of(), Map.of(), null);
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(od, hib), Map.of())),
                new PluginConfig("INFO", "/var/log/x", "/usr/bin", null, Map.of(), null));
    }

    static List<ConfigProblem> check(LaunchTemplateFacts facts) {
        LaunchTemplateDirectory dir = ref -> "hpc-hib".equals(ref.launchTemplateName()) ? Optional.ofNullable(facts)
                : Optional.of(new LaunchTemplateFacts("lt-plain", "plain", "1", "ami-1", null, List.of()));
        return HibernationPrerequisites.check(cluster(), dir, OfflineInstanceTypeCatalog.load());
    }

    static LaunchTemplateFacts lt(Boolean hibernation, LaunchTemplateFacts.BlockDevice... devices) {
        return new LaunchTemplateFacts("lt-0hib", "hpc-hib", "3", "ami-1", hibernation, List.of(devices));
    }

    @Test
    void aCompliantTemplatePassesAndOnDemandGroupsAreNotChecked() {
        // r6i.2xlarge has 64 GiB: 64 + 8 for the OS.
        assertThat(check(lt(true, new LaunchTemplateFacts.BlockDevice("/dev/xvda", 72, true)))).isEmpty();
    }

    @Test
    void missingTemplate() {
        assertThat(check(null)).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.jsonPath()).isEqualTo(PATH);
            assertThat(p.toString()).contains("launch template hpc-hib version 3").contains("an existing launch template");
        });
    }

    @Test
    void hibernationNotConfigured() {
        assertThat(check(lt(null, new LaunchTemplateFacts.BlockDevice("/dev/sda1", 100, true)))).singleElement()
                .satisfies(p -> {
                    assertThat(p.jsonPath()).isEqualTo(PATH + ".HibernationOptions");
                    assertThat(p.expected()).startsWith("HibernationOptions.Configured = true in launch template hpc-hib");
                });
    }

    @Test
    void unencryptedRoot() {
        assertThat(check(lt(true, new LaunchTemplateFacts.BlockDevice("/dev/xvda", 100, false)))).singleElement()
                .satisfies(p -> {
                    assertThat(p.isError()).isTrue();
                    assertThat(p.jsonPath()).isEqualTo(PATH + ".BlockDeviceMappings./dev/xvda.Ebs.Encrypted");
                    assertThat(p.expected()).contains("encrypted root volume");
                });
    }

    @Test
    void rootTooSmallForTheLargestTypeOnly() {
        var problems = check(lt(true, new LaunchTemplateFacts.BlockDevice("/dev/xvda", 50, true)));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.jsonPath()).isEqualTo(PATH + ".BlockDeviceMappings./dev/xvda.Ebs.VolumeSize");
            assertThat(p.value()).isEqualTo("\"50\"");
            assertThat(p.expected()).contains("at least 72 GiB").contains("r6i.2xlarge has 64 GiB");
        });
    }

    @Test
    void noRootMappingIsAWarningBecauseTheAmiDecides() {
        assertThat(check(lt(true, new LaunchTemplateFacts.BlockDevice("/dev/sdf", 500, true)))).singleElement()
                .satisfies(p -> {
                    assertThat(p.isError()).isFalse();
                    assertThat(p.jsonPath()).isEqualTo(PATH + ".BlockDeviceMappings");
                });
    }

    @Test
    void everyFailureIsReportedAtOnce() {
        assertThat(check(lt(false, new LaunchTemplateFacts.BlockDevice("/dev/xvda", 10, false))))
                .extracting(ConfigProblem::jsonPath).containsExactly(PATH + ".HibernationOptions",
                        PATH + ".BlockDeviceMappings./dev/xvda.Ebs.Encrypted",
                        PATH + ".BlockDeviceMappings./dev/xvda.Ebs.VolumeSize",
                        PATH + ".BlockDeviceMappings./dev/xvda.Ebs.VolumeSize");
    }
}
