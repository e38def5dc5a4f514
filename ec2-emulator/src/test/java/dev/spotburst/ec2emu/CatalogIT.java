package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import static org.assertj.core.api.Assertions.assertThat;

/** Catalogue and launch template actions through the SDK, with paginators. */
class CatalogIT extends EmulatorFixture {

    @Test
    void instanceTypes() {
        var types = ec2.describeInstanceTypes(r -> r.instanceTypes(InstanceType.M5_LARGE, InstanceType.C7_G_LARGE)).instanceTypes();
        assertThat(types).extracting(InstanceTypeInfo::hibernationSupported).containsExactly(true, false);
        assertThat(types.get(0).vCpuInfo().defaultVCpus()).isEqualTo(2);
        assertThat(types.get(0).memoryInfo().sizeInMiB()).isEqualTo(8192L);
        assertThat(ec2.describeInstanceTypesPaginator(r -> r.maxResults(5)).instanceTypes().stream().count())
                .isEqualTo(InstanceTypeSpec.builtIn().size());
        assertThat(ec2.describeInstanceTypes(r -> r.filters(Filter.builder().name("hibernation-supported").values("false").build()))
                .instanceTypes()).hasSize(3);
        ec2Error(() -> ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("x9.huge")), "InvalidInstanceType");
    }

    @Test
    void subnetsAndZones() {
        var subnets = ec2.describeSubnets().subnets();
        assertThat(subnets).hasSize(5);
        assertThat(subnets).filteredOn(Subnet::defaultForAz).extracting(Subnet::availabilityZone)
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(ec2.describeSubnets(r -> r.subnetIds("subnet-a")).subnets().get(0).cidrBlock()).isEqualTo("10.0.1.0/24");
        assertThat(ec2.describeSubnets(r -> r.filters(Filter.builder().name("availability-zone").values("us-east-1b").build())).subnets()).hasSize(2);
        ec2Error(() -> ec2.describeSubnets(r -> r.subnetIds("subnet-missing")), "InvalidSubnetID.NotFound");
        var zones = ec2.describeAvailabilityZones().availabilityZones();
        assertThat(zones).extracting(AvailabilityZone::zoneName).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(zones.get(0).zoneId()).isEqualTo("use1-az1");
        ec2Error(() -> ec2.describeAvailabilityZones(r -> r.zoneNames("mars-1a")), "InvalidParameterValue");
    }

    @Test
    void spotPriceHistory() {
        var prices = ec2.describeSpotPriceHistory(r -> r.instanceTypes(InstanceType.M5_LARGE).productDescriptions("Linux/UNIX")).spotPriceHistory();
        assertThat(prices).hasSize(3).allMatch(p -> Double.parseDouble(p.spotPrice()) > 0);
        assertThat(ec2.describeSpotPriceHistoryPaginator(r -> r.maxResults(10)).spotPriceHistory().stream().count())
                .isEqualTo(3L * InstanceTypeSpec.builtIn().size());
    }

    @Test
    void launchTemplates() {
        var created = ec2.createLaunchTemplate(r -> r.launchTemplateName("burst-lt").versionDescription("v1")
                .launchTemplateData(d -> d.imageId("ami-0def").instanceType(InstanceType.C5_XLARGE).hibernationOptions(h -> h.configured(true))))
                .launchTemplate();
        assertThat(created.launchTemplateId()).startsWith("lt-");
        assertThat(created.latestVersionNumber()).isEqualTo(1L);
        ec2Error(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("burst-lt").launchTemplateData(d -> d.imageId("ami-0def"))),
                "InvalidLaunchTemplateName.AlreadyExistsException");
        ec2Error(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("x").launchTemplateData(d -> d.imageId("ami-0def"))),
                "InvalidLaunchTemplateName.MalformedException");
        assertThat(ec2.describeLaunchTemplates().launchTemplates()).extracting(LaunchTemplate::launchTemplateName)
                .containsExactly("compute", "burst-lt");
        ec2Error(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateNames("nope")), "InvalidLaunchTemplateName.NotFoundException");
        var v = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("burst-lt").versions("$Latest")).launchTemplateVersions().get(0);
        assertThat(v.launchTemplateData().instanceType()).isEqualTo(InstanceType.C5_XLARGE);
        assertThat(v.launchTemplateData().hibernationOptions().configured()).isTrue();
        Instance i = ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateId(created.launchTemplateId())).minCount(1).maxCount(1))
                .instances().get(0);
        assertThat(i.instanceType()).isEqualTo(InstanceType.C5_XLARGE);
        assertThat(i.hibernationOptions().configured()).isTrue();
    }
}
