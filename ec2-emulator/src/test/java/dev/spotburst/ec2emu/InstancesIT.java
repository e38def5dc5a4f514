package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RunInstances / DescribeInstances / Terminate / Stop / Start / tags through the real SDK client. */
class InstancesIT extends EmulatorFixture {

    private RunInstancesResponse run(int n) {
        return ec2.runInstances(r -> r.imageId("ami-0abc").instanceType(InstanceType.M5_LARGE).minCount(1).maxCount(n)
                .subnetId("subnet-a").tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("node").value("c1").build()).build()));
    }

    @Test
    void runDescribeTerminateLifecycle() {
        RunInstancesResponse run = run(2);
        assertThat(run.instances()).hasSize(2);
        Instance first = run.instances().get(0);
        assertThat(first.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(first.instanceId()).matches("i-[0-9a-f]{17}");
        assertThat(first.privateIpAddress()).startsWith("10.0.1.");
        assertThat(first.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(first.tags()).containsExactly(Tag.builder().key("node").value("c1").build());

        DescribeInstancesResponse d = ec2.describeInstances(r -> r.instanceIds(first.instanceId()));
        assertThat(d.reservations()).hasSize(1);
        Instance described = d.reservations().get(0).instances().get(0);
        assertThat(described.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(described.state().code()).isEqualTo(16);

        TerminateInstancesResponse t = ec2.terminateInstances(r -> r.instanceIds(first.instanceId()));
        assertThat(t.terminatingInstances().get(0).previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(t.terminatingInstances().get(0).currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        emu.control().tick();
        assertThat(emu.control().instance(first.instanceId()).state()).isEqualTo("terminated");
        assertThat(eventsOfType("EC2 Instance State-change Notification"))
                .anyMatch(e -> e.contains(first.instanceId()) && e.contains("\"state\":\"terminated\""));
    }

    @Test
    void filtersAndPagination() {
        run(7);
        ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-b"));
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:node").values("c1").build()))
                .reservations().get(0).instances()).hasSize(7);
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("tag-key").values("node").build(),
                Filter.builder().name("instance-state-name").values("running", "pending").build())).reservations()
                .stream().mapToInt(res -> res.instances().size()).sum()).isEqualTo(7);
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("private-ip-address").values("10.0.2.*").build()))
                .reservations()).hasSize(1);
        List<Instance> all = ec2.describeInstancesPaginator(r -> r.maxResults(5)).reservations().stream()
                .flatMap(res -> res.instances().stream()).toList();
        assertThat(all).hasSize(8).extracting(Instance::instanceId).doesNotHaveDuplicates();
        ec2Error(() -> ec2.describeInstances(r -> r.filters(Filter.builder().name("bogus").values("x").build())), "InvalidParameterValue");
        ec2Error(() -> ec2.describeInstances(r -> r.maxResults(5).instanceIds(all.get(0).instanceId())), "InvalidParameterCombination");
        ec2Error(() -> ec2.describeInstances(r -> r.maxResults(2)), "InvalidParameterValue");
    }

    @Test
    void instanceIdFilterAlsoPaginatesUnlikeInstanceIds() {
        List<String> ids = run(6).instances().stream().map(Instance::instanceId).toList();
        Filter byId = Filter.builder().name("instance-id").values(ids.get(0), ids.get(3), "i-0123456789abcdef0").build();
        assertThat(ec2.describeInstances(r -> r.filters(byId)).reservations().stream().flatMap(res -> res.instances().stream())
                .map(Instance::instanceId)).containsExactlyInAnyOrder(ids.get(0), ids.get(3));
        // A filter (unlike InstanceId.N) may be combined with MaxResults, and an unknown id in it is no error.
        Filter all = Filter.builder().name("instance-id").values(ids).build();
        List<DescribeInstancesResponse> pages = ec2.describeInstancesPaginator(r -> r.filters(all).maxResults(5)).stream().toList();
        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(p -> p.reservations().stream()).flatMap(res -> res.instances().stream())
                .map(Instance::instanceId)).containsExactlyInAnyOrderElementsOf(ids);
        Filter both = Filter.builder().name("instance-id").values(ids.get(1)).build();
        assertThat(ec2.describeInstances(r -> r.filters(both, Filter.builder().name("tag:node").values("other").build()))
                .reservations()).isEmpty();
    }

    @Test
    void stopStartKeepsIdAndAddress() {
        Instance i = ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-a")
                .hibernationOptions(h -> h.configured(true))).instances().get(0);
        emu.control().tick();
        StopInstancesResponse stop = ec2.stopInstances(r -> r.instanceIds(i.instanceId()).hibernate(true));
        assertThat(stop.stoppingInstances().get(0).currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        emu.control().tick();
        Instance stopped = ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0);
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedHibernate");
        ec2.startInstances(r -> r.instanceIds(i.instanceId()));
        emu.control().tick();
        Instance again = ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0);
        assertThat(again.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(again.privateIpAddress()).isEqualTo(i.privateIpAddress());
        assertThat(again.blockDeviceMappings().get(0).ebs().volumeId()).isEqualTo(i.blockDeviceMappings().get(0).ebs().volumeId());
    }

    @Test
    void errorPaths() {
        ec2Error(() -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0")), "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2.terminateInstances(r -> r.instanceIds("nope")), "InvalidInstanceID.Malformed");
        ec2Error(() -> ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-zzz")), "InvalidSubnetID.NotFound");
        ec2Error(() -> ec2.runInstances(r -> r.minCount(1).maxCount(1)), "MissingParameter");
        ec2Error(() -> ec2.runInstances(r -> r.imageId("ami-0abc").minCount(3).maxCount(1)), "InvalidParameterValue");
        ec2Error(() -> ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("missing")).minCount(1).maxCount(1)),
                "InvalidLaunchTemplateName.NotFoundException");
        ec2Error(() -> ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).instanceMarketOptions(m -> m
                .marketType(MarketType.SPOT).spotOptions(s -> s.instanceInterruptionBehavior(InstanceInterruptionBehavior.HIBERNATE)
                        .spotInstanceType(SpotInstanceType.ONE_TIME)))), "InvalidParameterCombination");
        ec2Error(() -> ec2.runInstances(r -> r.imageId("ami-0abc").instanceType(InstanceType.C7_G_LARGE).minCount(1).maxCount(1)
                .hibernationOptions(h -> h.configured(true))), "UnsupportedHibernationConfiguration");
        ec2Error(() -> ec2.runInstances(r -> r.imageId("ami-0abc").instanceType(InstanceType.M5_LARGE).minCount(1).maxCount(1)
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s.maxPrice("0.0001")))), "SpotMaxPriceTooLow");
        Instance i = run(1).instances().get(0);
        emu.control().tick();
        ec2Error(() -> ec2.stopInstances(r -> r.instanceIds(i.instanceId()).hibernate(true)), "UnsupportedHibernationConfiguration");
    }

    @Test
    void capacityErrorsAndMinMaxCount() {
        emu.control().setCapacity("m5.large", "us-east-1a", "on-demand", 2);
        assertThat(run(5).instances()).hasSize(2);
        Ec2Exception e = ec2Error(() -> run(1), "InsufficientInstanceCapacity");
        assertThat(e.statusCode()).isEqualTo(400);
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 1);
        Ec2Options spot = new Ec2Options();
        ec2.runInstances(spot::spotRequest);
        ec2Error(() -> ec2.runInstances(spot::spotRequest), "InsufficientInstanceCapacity");
    }

    @Test
    void maxSpotInstanceCount() {
        emu.close();
        emu = Ec2Emulator.start(options().clock(clock).maxSpotInstances(1).build());
        ec2 = client(software.amazon.awssdk.core.retry.RetryPolicy.none());
        Ec2Options spot = new Ec2Options();
        ec2.runInstances(spot::spotRequest);
        ec2Error(() -> ec2.runInstances(spot::spotRequest), "MaxSpotInstanceCountExceeded");
    }

    @Test
    void clientTokenIsIdempotent() {
        RunInstancesResponse a = ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).clientToken("tok-1"));
        RunInstancesResponse b = ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).clientToken("tok-1"));
        assertThat(b.reservationId()).isEqualTo(a.reservationId());
        assertThat(b.instances().get(0).instanceId()).isEqualTo(a.instances().get(0).instanceId());
    }

    @Test
    void tags() {
        Instance i = run(1).instances().get(0);
        ec2.createTags(r -> r.resources(i.instanceId()).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        ec2.deleteTags(r -> r.resources(i.instanceId()).tags(Tag.builder().key("node").build()));
        ec2.deleteTags(r -> r.resources(i.instanceId()).tags(Tag.builder().key("b").value("wrong").build()));
        DescribeTagsResponse tags = ec2.describeTags(r -> r.filters(Filter.builder().name("resource-id").values(i.instanceId()).build()));
        assertThat(tags.tags()).extracting(TagDescription::key).containsExactly("a", "b");
        assertThat(tags.tags().get(0).resourceType()).isEqualTo(ResourceType.INSTANCE);
        ec2Error(() -> ec2.createTags(r -> r.resources("i-0123456789abcdef0").tags(Tag.builder().key("a").value("1").build())),
                "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2.createTags(r -> r.resources(i.instanceId()).tags(Tag.builder().key("aws:x").value("1").build())),
                "InvalidParameterValue");
        assertThat(ec2.describeTagsPaginator(r -> r.maxResults(5)).tags()).hasSize(2);
    }

    /** Request helpers shared by the capacity tests. */
    static final class Ec2Options {
        void spotRequest(RunInstancesRequest.Builder r) {
            r.imageId("ami-0abc").instanceType(InstanceType.M5_LARGE).minCount(1).maxCount(1).subnetId("subnet-a")
                    .instanceMarketOptions(m -> m.marketType(MarketType.SPOT));
        }
    }
}
