package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MaxResults / NextToken on every paginated action that InstancesIT and CatalogIT do not page already
 * (DescribeInstances, DescribeTags, DescribeInstanceTypes, DescribeSpotPriceHistory are paged there). Uses the SDK's
 * own paginators where the EC2 model has one, else follows NextToken by hand exactly as a caller would.
 */
class PaginationIT extends EmulatorFixture {

    @Override
    protected Ec2EmulatorOptions.Builder options() {
        // 3 default subnets + 2 from the fixture + 2 here: 7, so MaxResults=5 (DescribeSubnets' minimum) gives 2 pages.
        return super.options().subnet(SubnetSpec.of("subnet-c", "us-east-1c", "10.0.3.0/24"))
                .subnet(SubnetSpec.of("subnet-d", "us-east-1c", "10.0.4.0/24"));
    }

    private String instantFleet() {
        return ec2.createFleet(r -> r.type(FleetType.INSTANT)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute"))
                        .overrides(o -> o.subnetId("subnet-a")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT)))
                .fleetId();
    }

    @Test
    void describeFleetsPagesThroughEveryFleet() {
        List<String> ids = List.of(instantFleet(), instantFleet(), instantFleet());
        List<DescribeFleetsResponse> pages = ec2.describeFleetsPaginator(r -> r.maxResults(1)).stream().toList();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).nextToken()).isNotBlank();
        assertThat(pages.get(2).nextToken()).isNull();
        assertThat(pages.stream().flatMap(p -> p.fleets().stream()).map(FleetData::fleetId))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void describeFleetInstancesAndHistoryFollowNextToken() {
        String fleet = ec2.createFleet(r -> r.type(FleetType.MAINTAIN)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute"))
                        .overrides(o -> o.subnetId("subnet-a")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(3).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT)))
                .fleetId();
        emu.control().tick();

        List<String> instances = new ArrayList<>();
        int instancePages = follow(token -> {
            DescribeFleetInstancesResponse r = ec2.describeFleetInstances(b -> b.fleetId(fleet).maxResults(2).nextToken(token));
            r.activeInstances().forEach(a -> instances.add(a.instanceId()));
            return r.nextToken();
        });
        assertThat(instancePages).isEqualTo(2);
        assertThat(instances).hasSize(3).doesNotHaveDuplicates();

        List<String> all = ec2.describeFleetHistory(r -> r.fleetId(fleet).startTime(Instant.EPOCH)).historyRecords().stream()
                .map(h -> h.eventType() + "/" + h.eventInformation().eventSubType() + "/" + h.eventInformation().instanceId())
                .toList();
        assertThat(all).hasSizeGreaterThan(3);
        List<String> paged = new ArrayList<>();
        int historyPages = follow(token -> {
            DescribeFleetHistoryResponse r = ec2.describeFleetHistory(b -> b.fleetId(fleet).startTime(Instant.EPOCH)
                    .maxResults(1).nextToken(token));
            r.historyRecords().forEach(h -> paged.add(h.eventType() + "/" + h.eventInformation().eventSubType() + "/"
                    + h.eventInformation().instanceId()));
            return r.nextToken();
        });
        assertThat(historyPages).isEqualTo(all.size());
        assertThat(paged).isEqualTo(all);
        ec2Error(() -> ec2.describeFleetInstances(b -> b.fleetId(fleet).maxResults(0)), "InvalidParameterValue");
    }

    @Test
    void describeSpotInstanceRequestsPagesByFive() {
        for (int i = 0; i < 6; i++) {
            ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-a")
                    .instanceMarketOptions(m -> m.marketType(MarketType.SPOT)));
        }
        List<DescribeSpotInstanceRequestsResponse> pages =
                ec2.describeSpotInstanceRequestsPaginator(r -> r.maxResults(5)).stream().toList();
        assertThat(pages).hasSize(2);
        assertThat(pages.stream().flatMap(p -> p.spotInstanceRequests().stream()).map(SpotInstanceRequest::spotInstanceRequestId))
                .hasSize(6).doesNotHaveDuplicates();
        ec2Error(() -> ec2.describeSpotInstanceRequests(r -> r.maxResults(4)), "InvalidParameterValue");
    }

    @Test
    void launchTemplatesAndVersionsPage() {
        for (String name : List.of("lt-two", "lt-three")) {
            ec2.createLaunchTemplate(r -> r.launchTemplateName(name).launchTemplateData(d -> d.imageId("ami-0def")));
        }
        List<DescribeLaunchTemplatesResponse> pages = ec2.describeLaunchTemplatesPaginator(r -> r.maxResults(1)).stream().toList();
        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.launchTemplates().stream()).map(LaunchTemplate::launchTemplateName))
                .containsExactly("compute", "lt-two", "lt-three");

        // Without an id or name, $Latest describes the latest version of every template (API Reference).
        List<DescribeLaunchTemplateVersionsResponse> versions =
                ec2.describeLaunchTemplateVersionsPaginator(r -> r.versions("$Latest").maxResults(1)).stream().toList();
        assertThat(versions).hasSize(3);
        assertThat(versions.stream().flatMap(p -> p.launchTemplateVersions().stream())
                .map(LaunchTemplateVersion::launchTemplateName)).containsExactly("compute", "lt-two", "lt-three");
    }

    @Test
    void describeSubnetsPagesByFive() {
        List<DescribeSubnetsResponse> pages = ec2.describeSubnetsPaginator(r -> r.maxResults(5)).stream().toList();
        assertThat(pages).extracting(p -> p.subnets().size()).containsExactly(5, 2);
        assertThat(pages.stream().flatMap(p -> p.subnets().stream()).map(Subnet::subnetId)).hasSize(7).doesNotHaveDuplicates()
                .contains("subnet-a", "subnet-b", "subnet-c", "subnet-d");
        ec2Error(() -> ec2.describeSubnets(r -> r.maxResults(4)), "InvalidParameterValue");
    }

    @Test
    void aTokenFromOneActionIsNotAcceptedByAnother() {
        for (int i = 0; i < 6; i++) {
            ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-a"));
        }
        String token = ec2.describeInstances(r -> r.maxResults(5)).nextToken();
        assertThat(token).isNotBlank();
        assertThat(ec2.describeInstances(r -> r.maxResults(5).nextToken(token)).reservations()
                .stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(1);
        Ec2Exception e = catchEc2(() -> ec2.describeSubnets(r -> r.maxResults(5).nextToken(token)));
        assertThat(e.statusCode()).isEqualTo(400);
    }

    /** Calls {@code page} with null, then with each returned token until none; returns the number of calls. */
    private static int follow(Function<String, String> page) {
        int calls = 0;
        String token = null;
        do {
            token = page.apply(token);
            calls++;
            assertThat(calls).as("pages").isLessThan(100);
        } while (token != null && !token.isEmpty());
        return calls;
    }

    private static Ec2Exception catchEc2(Runnable call) {
        Ec2Exception e = org.assertj.core.api.Assertions.catchThrowableOfType(Ec2Exception.class, call::run);
        assertThat(e).as("an EC2 error").isNotNull();
        return e;
    }
}
