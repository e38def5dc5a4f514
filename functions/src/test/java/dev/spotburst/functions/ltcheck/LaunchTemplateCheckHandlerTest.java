package dev.spotburst.functions.ltcheck;

import dev.spotburst.functions.cfn.RequestType;
import dev.spotburst.config.ConfigProblem;
import dev.spotburst.functions.handlers.LaunchTemplateCheckHandler;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.spotburst.functions.ltcheck.LaunchTemplateCheckFixture.event;
import static dev.spotburst.functions.ltcheck.LaunchTemplateCheckFixture.template;
import static org.assertj.core.api.Assertions.assertThat;

/** The handler over the saved Provider-framework events, with launch templates in memory. */
class LaunchTemplateCheckHandlerTest {
    private static final String ID = "spotburst-launch-template-check-demo";

    @TempDir
    Path dir;

    private final LaunchTemplateCheckFixture.MemoryTemplates ec2 = new LaunchTemplateCheckFixture.MemoryTemplates();
    private final ProviderResponses cfn = new ProviderResponses();

    private LaunchTemplateCheckHandler handler(String partitions) {
        return new LaunchTemplateCheckHandler(new LaunchTemplateCheck(LaunchTemplateCheckFixture.config(dir, partitions),
                ec2::in, OfflineInstanceTypeCatalog.load()));
    }

    private LaunchTemplateCheckHandler handler() {
        return handler(null);
    }

    private void goodTemplates() {
        ec2.put("us-east-1", template("demo-batch-hib", true, 40, true));
        ec2.put("eu-west-1", template("demo-far-hib", true, 100, true));
    }

    @Test
    void parsesTheSavedEvents() {
        var create = LaunchTemplateCheckEvent.parse(event("create"));
        assertThat(create).isEqualTo(new LaunchTemplateCheckEvent(RequestType.CREATE, null, "demo"));
        assertThat(LaunchTemplateCheckEvent.parse(event("update"))).isEqualTo(
                new LaunchTemplateCheckEvent(RequestType.UPDATE, ID, "demo"));
        assertThat(LaunchTemplateCheckEvent.parse(event("delete"))).isEqualTo(
                new LaunchTemplateCheckEvent(RequestType.DELETE, ID, "demo"));
    }

    @Test
    void createWithTemplatesMeetingThePrerequisitesSucceedsOnceCheckingEachGroupInItsRegion() {
        goodTemplates();
        var r = cfn.send(handler(), event("create"));
        assertThat(cfn.sent).containsExactly(new ProviderResponses.Response("SUCCESS", ID, null));
        assertThat(r.physicalResourceId()).isEqualTo(ID);
        // Only hibernating groups, each only in its own region (the On-Demand group's template is never asked for).
        assertThat(ec2.lookups).containsExactly("eu-west-1/demo-far-hib", "us-east-1/demo-batch-hib");
    }

    @Test
    void createFailsOnceWithEveryProblemAsConfigValidatePrintsIt() {
        ec2.put("us-east-1", template("demo-batch-hib", false, 20, false)); // no hibernation, plain and small root
        // demo-far-hib does not exist in eu-west-1 (created in the wrong region)
        ec2.put("us-east-1", template("demo-far-hib", true, 100, true));
        var r = cfn.send(handler(), event("create"));
        assertThat(cfn.sent).hasSize(1);
        assertThat(r.status()).isEqualTo("FAILED");
        var problems = new LaunchTemplateCheck(LaunchTemplateCheckFixture.config(dir, null), ec2::in,
                OfflineInstanceTypeCatalog.load()).problems();
        assertThat(problems).hasSize(4).allMatch(ConfigProblem::isError);
        assertThat(r.reason()).startsWith("spotburst: 4 launch template problem(s) for the hibernating node groups of "
                + "cluster demo (check before deploying with: spotburst config validate --check-aws)\n");
        for (ConfigProblem p : problems) {
            assertThat(r.reason()).contains("\n" + p);
        }
        assertThat(r.reason()).contains(
                "error: partitions.json $.Partitions[0].NodeGroups[1].LaunchTemplateSpecification.HibernationOptions: ",
                "$.Partitions[0].NodeGroups[1].LaunchTemplateSpecification.BlockDeviceMappings./dev/xvda.Ebs.Encrypted",
                "$.Partitions[0].NodeGroups[1].LaunchTemplateSpecification.BlockDeviceMappings./dev/xvda.Ebs.VolumeSize: "
                        + "got \"20\", expected a root volume of at least 40 GiB",
                "error: partitions.json $.Partitions[1].NodeGroups[0].LaunchTemplateSpecification: got \"launch template "
                        + "demo-far-hib version $Latest\", expected an existing launch template");
    }

    @Test
    void updateRechecksAndKeepsThePhysicalId() {
        goodTemplates();
        var h = handler();
        assertThat(cfn.send(h, event("update"))).isEqualTo(new ProviderResponses.Response("SUCCESS", ID, null));
        ec2.put("us-east-1", template("demo-batch-hib", false, 40, true));
        var failed = cfn.send(h, event("update"));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).contains("HibernationOptions.Configured = true in launch template demo-batch-hib");
        assertThat(cfn.sent).hasSize(2);
    }

    @Test
    void deleteSucceedsWithoutAskingEc2EvenWhenTemplatesAreWrong() {
        for (int repeat = 0; repeat < 2; repeat++) {
            assertThat(cfn.send(handler(), event("delete"))).isEqualTo(new ProviderResponses.Response("SUCCESS", ID, null));
        }
        assertThat(ec2.lookups).isEmpty();
    }

    @Test
    void aMissingRootMappingIsOnlyAWarning() {
        ec2.put("us-east-1", template("demo-batch-hib", true, null, null));
        ec2.put("eu-west-1", template("demo-far-hib", true, 100, true));
        assertThat(cfn.send(handler(), event("create")).status()).isEqualTo("SUCCESS");
    }

    @Test
    void nothingHibernatingMeansNothingToAsk() {
        String onlyOnDemand = LaunchTemplateCheckFixture.PARTITIONS.substring(0, LaunchTemplateCheckFixture.PARTITIONS.indexOf(",\n    {\"NodeGroupName\": \"hib\""))
                + "], \"PartitionOptions\": {\"Default\": \"yes\"}}]}";
        assertThat(cfn.send(handler(onlyOnDemand), event("create")).status()).isEqualTo("SUCCESS");
        assertThat(ec2.lookups).isEmpty();
    }

    @Test
    void badInputNamesTheFieldAndTheValue() {
        var h = handler();
        var wrongType = new LinkedHashMap<>(event("create"));
        wrongType.put("RequestType", "Remove");
        assertThat(cfn.send(h, wrongType).reason()).isEqualTo("field 'RequestType' must be Create, Update or Delete, got 'Remove'");
        var otherCluster = new LinkedHashMap<>(event("create"));
        otherCluster.put("ResourceProperties", Map.of("ClusterName", "other"));
        assertThat(cfn.send(h, otherCluster).reason()).isEqualTo("field 'ResourceProperties.ClusterName' is 'other' "
                + "but the function's config.json describes cluster 'demo'");
        var noId = new LinkedHashMap<>(event("update"));
        noId.remove("PhysicalResourceId");
        assertThat(cfn.send(h, noId).reason()).isEqualTo("field 'PhysicalResourceId' is required for Update");
        var deleteOther = new LinkedHashMap<>(event("delete"));
        deleteOther.put("ResourceProperties", Map.of("ClusterName", "other"));
        assertThat(cfn.send(h, deleteOther).status()).as("a delete is never blocked").isEqualTo("SUCCESS");
        assertThat(ec2.lookups).isEmpty();
    }

    @Test
    void aLongListIsCutToWhatCloudFormationAcceptsAndSaysHowManyMore() {
        var problems = java.util.stream.IntStream.range(0, 200).mapToObj(i -> new ConfigProblem(ConfigProblem.Severity.ERROR,
                "partitions.json", "$.Partitions[0].NodeGroups[" + i + "].LaunchTemplateSpecification", "\"x\"",
                "an existing launch template")).toList();
        String reason = LaunchTemplateCheckFailedException.of("demo", problems).getMessage();
        assertThat(reason.length()).isLessThanOrEqualTo(LaunchTemplateCheckFailedException.MAX_REASON_CHARS);
        assertThat(reason).startsWith("spotburst: 200 launch template problem(s)").containsPattern("\\.\\.\\. and \\d+ more");
        assertThat(LaunchTemplateCheckFailedException.of("demo", List.of(problems.get(0))).getMessage()).doesNotContain("more");
    }
}
