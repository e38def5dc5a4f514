package dev.spotburst.cdk;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static dev.spotburst.cdk.TemplateQueries.statements;
import static org.assertj.core.api.Assertions.assertThat;

/** The deployment inputs besides the two config files: cluster name, VPC, head-node security group. */
class InputsTemplateTest {

    @Test
    void givenAVpcComputeNodesGetTheirOwnSecurityGroupAndReachTheHeadNodeBothWays() {
        Template t = SynthFixture.main().template();
        var groups = resources(t, "AWS::EC2::SecurityGroup");
        assertThat(groups).hasSize(1);
        String sg = groups.keySet().iterator().next();
        assertThat(props(groups.get(sg))).containsEntry("VpcId", "vpc-0123456789abcdef0");
        var sgId = Map.of("Fn::GetAtt", List.of(sg, "GroupId"));
        var ingress = resources(t, "AWS::EC2::SecurityGroupIngress").values().stream().map(TemplateQueries::props).toList();
        assertThat(ingress).hasSize(3).allSatisfy(i -> assertThat(i).containsEntry("IpProtocol", "-1"));
        assertThat(ingress).anySatisfy(i -> assertThat(i).containsEntry("GroupId", sgId).containsEntry("SourceSecurityGroupId", sgId));
        assertThat(ingress).anySatisfy(i -> assertThat(i).containsEntry("GroupId", sgId)
                .containsEntry("SourceSecurityGroupId", SynthFixture.HEAD_NODE_SG));
        assertThat(ingress).anySatisfy(i -> assertThat(i).containsEntry("GroupId", SynthFixture.HEAD_NODE_SG)
                .containsEntry("SourceSecurityGroupId", sgId));
    }

    @Test
    void withoutAVpcNoSecurityGroupIsCreatedOrChanged() {
        Template t = SynthFixture.minimal().template();
        t.resourceCountIs("AWS::EC2::SecurityGroup", 0);
        t.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    }

    @Test
    void aClusterNameFromContextNamesTheStackItsResourcesTagConditionsAndTheFunctionsConfig() throws Exception {
        var synth = SynthFixture.minimal();
        Template t = synth.template();
        String name = SynthFixture.RENAMED;
        assertThat(synth.stack().getStackName()).isEqualTo("spotburst-" + name);
        t.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of("QueueName", name + "-requests.fifo")));
        t.hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of("TableName", name + "-state")));
        t.hasResourceProperties("Custom::SpotburstCleanup", Match.objectLike(Map.of("ClusterName", name)));
        assertThat(statements(t).stream().map(s -> s.conditions().toString())
                .filter(c -> c.contains("spotburst:cluster="))).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("spotburst:cluster=" + name).doesNotContain("=test"));
        resources(t, "AWS::Lambda::Function").values().stream().map(TemplateQueries::props)
                .filter(p -> p.get("Environment") != null && p.get("Environment").toString().contains("SPOTBURST_CLUSTER"))
                .forEach(p -> assertThat(p.get("Environment").toString()).contains("SPOTBURST_CLUSTER=" + name));
        // The functions compare SPOTBURST_CLUSTER with the layer's config.json and refuse to start on a mismatch.
        var layer = SynthFixture.layerDir("minimal").resolve(ConfigLayerStaging.FOLDER);
        var staged = ConfigLoader.load(layer.resolve("partitions.json"), layer.resolve("config.json"),
                OfflineInstanceTypeCatalog.load());
        assertThat(staged.ok()).as(staged.errors().toString()).isTrue();
        assertThat(staged.config().clusterName()).isEqualTo(name);
        var original = ConfigLoader.load(SynthFixture.VALID.resolve("partitions.json"),
                SynthFixture.VALID.resolve("config.json"), OfflineInstanceTypeCatalog.load()).config();
        assertThat(staged.config().plugin().spotburst().withClusterName("test"))
                .isEqualTo(original.plugin().spotburst());
    }

    @Test
    void withoutAnOverrideTheLayerCarriesConfigJsonByteForByte() throws Exception {
        SynthFixture.main();
        var layer = SynthFixture.layerDir("main").resolve(ConfigLayerStaging.FOLDER);
        assertThat(layer.resolve("config.json")).hasSameBinaryContentAs(SynthFixture.VALID.resolve("config.json"));
        assertThat(layer.resolve("partitions.json")).hasSameBinaryContentAs(SynthFixture.VALID.resolve("partitions.json"));
    }
}
