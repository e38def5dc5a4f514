package dev.spotburst.cdk;

import dev.spotburst.cdk.nodes.CpuArchitecture;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static org.assertj.core.api.Assertions.assertThat;

class LaunchTemplatesTemplateTest {

    private final Template t = SynthFixture.main().template();

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String name) {
        return resources(t, "AWS::EC2::LaunchTemplate").values().stream()
                .filter(r -> name.equals(props(r).get("LaunchTemplateName")))
                .map(r -> (Map<String, Object>) props(r).get("LaunchTemplateData"))
                .findFirst().orElseThrow(() -> new AssertionError("no launch template " + name));
    }

    @Test
    void managedTemplatesRequireImdsv2ExposeTagsAndHibernatingGroupsGetAnEncryptedRootOfRamPlusOs() {
        for (String name : List.of("test-batch-od", "test-batch-spot")) {
            var d = data(name);
            assertThat(d.get("MetadataOptions")).as(name).isEqualTo(Map.of(
                    "HttpEndpoint", "enabled", "HttpTokens", "required", "InstanceMetadataTags", "enabled"));
            assertThat(d.get("IamInstanceProfile").toString()).contains("ComputeNodesInstanceProfile");
            assertThat(d).containsKey("UserData").containsKey("ImageId");
            assertThat(d.get("SecurityGroupIds").toString()).contains("ComputeSecurityGroup");
            assertThat(d.get("TagSpecifications").toString()).contains("spotburst:cluster");
        }
        // Hibernating group: RAM of its largest type (r6i.2xlarge, 64 GiB) + 20 GiB OS, encrypted.
        var spot = data("test-batch-spot");
        assertThat(spot.get("HibernationOptions")).isEqualTo(Map.of("Configured", true));
        assertThat(spot.get("BlockDeviceMappings")).isEqualTo(List.of(Map.of("DeviceName", "/dev/xvda",
                "Ebs", Map.of("DeleteOnTermination", true, "Encrypted", true, "VolumeSize", 84, "VolumeType", "gp3"))));
        var od = data("test-batch-od");
        assertThat(od).doesNotContainKey("HibernationOptions");
        assertThat(od.get("BlockDeviceMappings").toString()).contains("Encrypted=true", "VolumeSize=20");
    }

    @Test
    void aGroupNamingItsOwnTemplateGetsNoneCreated() {
        t.resourceCountIs("AWS::EC2::LaunchTemplate", 2);
        assertThat(resources(t, "AWS::EC2::LaunchTemplate").toString()).doesNotContain("lt-0123456789abcdef0");
        t.hasOutput("LaunchTemplatebatchspot", Match.objectLike(Map.of()));
    }

    @Test
    void userDataIsTheBootstrapScript() {
        var userData = data("test-batch-od").get("UserData").toString();
        assertThat(userData).contains("Fn::Base64");
        assertThat(userData).contains("spotburst test bootstrap");
    }

    @Test
    @SuppressWarnings("unchecked")
    void userDataTellsTheBootstrapWhichTableAndRegionHoldTheLaunchRecords() {
        String table = TemplateQueries.logicalId(t, "AWS::DynamoDB::GlobalTable", "StateTable");
        for (String name : List.of("test-batch-od", "test-batch-spot")) {
            var base64 = (Map<String, Object>) data(name).get("UserData");
            var join = (List<Object>) ((Map<String, Object>) base64.get("Fn::Base64")).get("Fn::Join");
            assertThat(join.get(0)).isEqualTo("");
            assertThat((List<Object>) join.get(1)).as(name).containsExactly(
                    "#!/bin/bash\nSPOTBURST_STATE_TABLE='",
                    Map.of("Ref", table),
                    "'\nSPOTBURST_STATE_TABLE_REGION='",
                    Map.of("Ref", "AWS::Region"),
                    "'\n# test bootstrap: the real one lives in slurm-shims/src/main/resources/bootstrap/\n"
                            + "echo \"spotburst test bootstrap\"\n");
        }
    }

    @Test
    void gravitonFamiliesAreArm() {
        assertThat(List.of("m7g.large", "c6gn.xlarge", "x2gd.medium", "is4gen.large", "t4g.nano", "hpc7g.4xlarge"))
                .allMatch(CpuArchitecture::isArm);
        assertThat(List.of("g5.xlarge", "g4dn.xlarge", "m6i.2xlarge", "r7iz.large", "m5dn.large"))
                .noneMatch(CpuArchitecture::isArm);
    }
}
