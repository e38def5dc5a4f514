package dev.spotburst.functions.rescue;

import dev.spotburst.functions.rescue.aws.RescueRequests;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RescueRequestsTest {

    @Test
    void theTwinIsOnDemandSameTypeAndSubnetHibernationConfiguredTaggedWithADeterministicToken() {
        var req = RescueRequests.launch(new RescueLaunch(RescueLaunch.tokenFor("i-0123456789abcdef0"), null,
                "hpc-node-hibernate", "$Latest", "m6i.2xlarge", "subnet-a",
                Map.of("spotburst:node", "batch-hib-0", RescueLaunch.RESCUED_FROM, "i-0123456789abcdef0")));
        assertThat(req.clientToken()).isEqualTo("spotburst-rescue-i-0123456789abcdef0");
        assertThat(req.instanceMarketOptions()).as("On-Demand: no market options").isNull();
        assertThat(req.instanceTypeAsString()).isEqualTo("m6i.2xlarge");
        assertThat(req.subnetId()).isEqualTo("subnet-a");
        assertThat(req.hibernationOptions().configured()).isTrue();
        assertThat(req.launchTemplate().launchTemplateName()).isEqualTo("hpc-node-hibernate");
        assertThat(req.launchTemplate().launchTemplateId()).isNull();
        assertThat(req.minCount()).isEqualTo(1);
        assertThat(req.maxCount()).isEqualTo(1);
        assertThat(req.tagSpecifications()).extracting(t -> t.resourceType())
                .containsExactly(ResourceType.INSTANCE, ResourceType.VOLUME);
        assertThat(req.tagSpecifications()).allSatisfy(t ->
            assertThat(t.tags()).extracting(x -> x.key()).containsExactly("spotburst:node", "spotburst:rescued-from"));
    }

    @Test
    void hibernateRootSwapAndDeleteOnTermination() {
        assertThat(RescueRequests.hibernate("i-1").hibernate()).isTrue();
        var attach = RescueRequests.attachRoot("vol-1", "i-2", "/dev/xvda");
        assertThat(attach.device()).isEqualTo("/dev/xvda");
        var dot = RescueRequests.deleteOnTermination("i-2", "/dev/xvda");
        assertThat(dot.blockDeviceMappings()).singleElement().satisfies(m -> {
            assertThat(m.deviceName()).isEqualTo("/dev/xvda");
            assertThat(m.ebs().deleteOnTermination()).isTrue();
        });
        assertThat(RescueRequests.rescuersOf("i-9").filters()).extracting(f -> f.name())
                .containsExactly("tag:spotburst:rescued-from", "instance-state-name");
    }
}
