package dev.spotburst.config;

import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.instancetypes.InstanceTypeInfo;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.slurmconf.SlurmConfGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final String BASE_PARTITIONS = TestFiles.read(TestFiles.CONFIGS.resolve("base/partitions.json"));
    private static final String BASE_CONFIG = TestFiles.read(TestFiles.CONFIGS.resolve("base/config.json"));

    @Test
    void problemReadsAsOneLine() {
        var p = new ConfigProblem(ConfigProblem.Severity.ERROR, "partitions.json",
                "$.Partitions[0].NodeGroups[1].MaxNodes", "-1", "an integer >= 1");
        assertThat(p).hasToString(
                "error: partitions.json $.Partitions[0].NodeGroups[1].MaxNodes: got -1, expected an integer >= 1");
        assertThat(new ConfigProblem(ConfigProblem.Severity.WARNING, "config.json", "$.X", null, "y"))
                .hasToString("warning: config.json $.X: missing, expected y");
    }

    @Test
    void validFilesBecomeTheSharedRecords() {
        ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, BASE_CONFIG, OfflineInstanceTypeCatalog.load());
        assertThat(result.ok()).isTrue();
        ClusterConfig config = result.config();
        assertThat(config.clusterName()).isEqualTo("genomics");
        NodeGroupConfig spot = config.nodeGroupOf(NodeName.parse("batch-spot-63")).orElseThrow();
        assertThat(spot.purchasingOption()).isEqualTo(Market.SPOT);
        assertThat(spot.interruptionBehavior()).isEqualTo(InterruptionBehavior.HIBERNATE);
        assertThat(spot.instanceTypes()).containsExactly("m6i.2xlarge", "m7i.2xlarge", "m5.2xlarge");
        assertThat(spot.spotburst().maxHibernationMinutes()).isEqualTo(30);
        assertThat(spot.launchTemplate()).isEqualTo(new LaunchTemplateRef(null, "hpc-node-hibernate", "$Latest"));
        assertThat(spot.tags()).contains(new Tag("Host", "{node_name}"));
        NodeGroupConfig shortSpot = config.nodeGroup(NodeName.parse("short-spot-0").group()).orElseThrow();
        assertThat(shortSpot.spotburst().fallbackToOnDemand()).isTrue();
        assertThat(shortSpot.onDemandOptions()).containsEntry("AllocationStrategy", "lowest-price");
        assertThat(shortSpot.launchTemplate().version()).isEqualTo("3");
        assertThat(config.nodeGroupOf(NodeName.parse("batch-spot-64"))).isEmpty();
        assertThat(config.plugin().slurmConf()).containsEntry("ResumeRate", "100");
        assertThat(config.plugin().spotburst().subnetAvailabilityZones()).containsEntry("subnet-4e5f6a7b", "eu-west-1b");
        assertThat(config.partitions().get(0).partitionOptions().keySet())
                .containsExactly("Default", "MaxTime", "TRESBillingWeights");
    }

    /**
     * The example of the AWS plugin for Slurm format (shared/reference/partitions-format.md, verbatim) with a
     * config.json as the plugin ships it: accepted unchanged; only warnings about what spotburst ignores or cannot
     * check without more information.
     */
    @Test
    void pluginFilesAreReadUnchanged() {
        Path dir = TestFiles.CONFIGS.resolve("golden");
        ConfigResult result = ConfigLoader.load(dir.resolve("plugin-unchanged.partitions.json"),
                dir.resolve("plugin-unchanged.config.json"), OfflineInstanceTypeCatalog.load());
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(ConfigProblem::jsonPath).containsExactly(
                "$.NodePartitionFolder", "$.Partitions[0].NodeGroups[1].SubnetIds", "$.SlurmConf.SlurmdTimeout");
        ClusterConfig config = result.config();
        assertThat(config.nodeGroups().map(g -> g.id().toString())).containsExactly("batch-od", "batch-spot");
        assertThat(config.plugin().slurmConf()).containsEntry("PrivateData", "CLOUD")
                .containsEntry("ResumeProgram", "/etc/slurm/aws/resume.py");
    }

    @Test
    void missingConfigJsonMeansDefaults() {
        ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, null, OfflineInstanceTypeCatalog.load());
        assertThat(result.errors()).isEmpty();
        assertThat(result.config().plugin().slurmConf()).containsEntry("PrivateData", "cloud")
                .containsEntry("TreeWidth", "60000");
        assertThat(result.config().clusterName()).isEqualTo("spotburst");
    }

    @Test
    void configThrowsWithTheErrorsWhenNotOk() {
        ConfigResult result = ConfigLoader.parse("{\"Partitions\": []}", BASE_CONFIG,
                OfflineInstanceTypeCatalog.load());
        assertThat(result.ok()).isFalse();
        assertThatThrownBy(result::config).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("$.Partitions: got [], expected a non-empty array of partitions");
    }

    @Test
    void aSubnetDirectoryFromEc2ReplacesTheConfigMap() {
        SubnetDirectory allInOneZone = subnet -> Optional.of("eu-west-1a");
        ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, BASE_CONFIG, OfflineInstanceTypeCatalog.load(),
                allInOneZone);
        assertThat(result.errors()).extracting(ConfigProblem::jsonPath)
                .containsExactly("$.Partitions[0].NodeGroups[1].SubnetIds[1]", "$.Partitions[1].NodeGroups[0].SubnetIds[1]");
    }

    @Test
    void spotGroupsNeedTypesOfferedAsSpot() {
        InstanceTypeCatalog onDemandOnly = t -> Optional.of(InstanceTypeInfo.fromDescribeInstanceTypes(t, 8, 4, 2,
                32_768, true, false, List.of("x86_64"), 0, List.of("on-demand")));
        ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, BASE_CONFIG, onDemandOnly);
        assertThat(result.errors()).hasSize(6).allSatisfy(p ->
                assertThat(p.expected()).startsWith("an instance type offered as Spot"));
    }

    @Test
    void generatorRefusesGroupsWithNoKnownType() {
        InstanceTypeCatalog empty = t -> Optional.empty();
        ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, BASE_CONFIG, empty);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isNotEmpty();
        assertThatThrownBy(() -> SlurmConfGenerator.generate(result.config(), empty, "TEST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch-od").hasMessageContaining("SlurmSpecifications");
    }

    @Test
    void clusterExtensionsKeepTheirFourArgumentForm() {
        assertThat(new ClusterExtensions("x", 1, 2, 60).subnetAvailabilityZones()).isEqualTo(Map.of());
        assertThat(new ClusterExtensions("x", 1, 2, 60).nodeNameTags()).isEqualTo(NodeNameTags.LAUNCH);
        assertThat(new ClusterExtensions("x", 1, 2, 60, Map.of()).nodeNameTags()).isEqualTo(NodeNameTags.LAUNCH);
    }

    @Test
    void nodeNameTagsDefaultsToLaunch() {
        assertThat(ConfigLoader.parse(BASE_PARTITIONS, BASE_CONFIG, OfflineInstanceTypeCatalog.load()).config()
                .plugin().spotburst().nodeNameTags()).isEqualTo(NodeNameTags.LAUNCH);
        assertThat(ConfigLoader.parse(BASE_PARTITIONS, null, OfflineInstanceTypeCatalog.load()).config()
                .plugin().spotburst().nodeNameTags()).isEqualTo(NodeNameTags.LAUNCH);
    }

    @Test
    void nodeNameTagsAcceptsLaunchAndAlways() {
        for (var mode : NodeNameTags.values()) {
            ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, withNodeNameTags("\"" + mode.wire() + "\""),
                    OfflineInstanceTypeCatalog.load());
            assertThat(result.problems()).isEmpty();
            assertThat(result.config().plugin().spotburst().nodeNameTags()).isEqualTo(mode);
        }
    }

    @Test
    void nodeNameTagsRejectsOtherValuesWithTheirJsonPath() {
        for (var bad : List.of("\"Always\"", "\"never\"", "true", "\"\"")) {
            ConfigResult result = ConfigLoader.parse(BASE_PARTITIONS, withNodeNameTags(bad),
                    OfflineInstanceTypeCatalog.load());
            assertThat(result.ok()).as(bad).isFalse();
            assertThat(result.errors()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("config.json");
                assertThat(p.jsonPath()).isEqualTo("$.Spotburst.NodeNameTags");
                assertThat(p.expected()).startsWith("\"launch\"").contains("\"always\"");
            });
        }
    }

    @Test
    void withClusterNameKeepsNodeNameTags() {
        var ext = ClusterExtensions.DEFAULTS.withNodeNameTags(NodeNameTags.ALWAYS).withClusterName("other");
        assertThat(ext.clusterName()).isEqualTo("other");
        assertThat(ext.nodeNameTags()).isEqualTo(NodeNameTags.ALWAYS);
    }

    private static String withNodeNameTags(String json) {
        return BASE_CONFIG.replace("\"Spotburst\": {", "\"Spotburst\": {\n    \"NodeNameTags\": " + json + ",");
    }
}
