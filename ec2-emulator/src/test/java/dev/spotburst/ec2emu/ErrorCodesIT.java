package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error paths, through the SDK, of the actions whose error codes InstancesIT, FleetsIT, CatalogIT and
 * SpotScenariosIT do not already check: each must arrive as an {@code Ec2Exception} with EC2's code and a 4xx status
 * (the SDK would classify a 5xx as retryable, which these are not).
 */
class ErrorCodesIT extends EmulatorFixture {

    private static final String UNKNOWN_INSTANCE = "i-0123456789abcdef0";
    private static final String UNKNOWN_FLEET = "fleet-00000000-0000-0000-0000-000000000000";

    private static void clientError(Runnable call, String code) {
        assertThat(ec2Error(call, code).statusCode()).as(code).isBetween(400, 499);
    }

    @Test
    void instanceStateActions() {
        clientError(() -> ec2.startInstances(r -> r.instanceIds(UNKNOWN_INSTANCE)), "InvalidInstanceID.NotFound");
        clientError(() -> ec2.stopInstances(r -> r.instanceIds(UNKNOWN_INSTANCE).hibernate(true)), "InvalidInstanceID.NotFound");
        clientError(() -> ec2.stopInstances(r -> r.instanceIds("i-zz")), "InvalidInstanceID.Malformed");
        clientError(() -> ec2.startInstances(r -> { }), "MissingParameter");
        clientError(() -> ec2.terminateInstances(r -> { }), "MissingParameter");
        clientError(() -> ec2.describeInstances(r -> r.instanceIds(UNKNOWN_INSTANCE)), "InvalidInstanceID.NotFound");
    }

    @Test
    void tagActions() {
        clientError(() -> ec2.deleteTags(r -> r.resources(UNKNOWN_INSTANCE).tags(Tag.builder().key("a").build())),
                "InvalidInstanceID.NotFound");
        clientError(() -> ec2.deleteTags(r -> r.tags(Tag.builder().key("a").build())), "MissingParameter");
        clientError(() -> ec2.createTags(r -> r.resources("nonsense-1").tags(Tag.builder().key("a").value("b").build())), "InvalidID");
        clientError(() -> ec2.describeTags(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())),
                "InvalidParameterValue");
        clientError(() -> ec2.describeTags(r -> r.maxResults(4)), "InvalidParameterValue");
    }

    @Test
    void spotRequestActions() {
        clientError(() -> ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-nothere")),
                "InvalidSpotInstanceRequestID.NotFound");
        clientError(() -> ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds("bogus")),
                "InvalidSpotInstanceRequestID.Malformed");
        clientError(() -> ec2.cancelSpotInstanceRequests(r -> { }), "MissingParameter");
        clientError(() -> ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds("bogus")),
                "InvalidSpotInstanceRequestID.Malformed");
        // Stop and hibernate need a persistent request (EC2 User Guide, "Specify the interruption behavior").
        clientError(() -> ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).instanceMarketOptions(m -> m
                .marketType(MarketType.SPOT).spotOptions(s -> s.spotInstanceType(SpotInstanceType.ONE_TIME)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.STOP)))), "InvalidParameterCombination");
    }

    @Test
    void fleetActions() {
        clientError(() -> ec2.modifyFleet(r -> r.fleetId(UNKNOWN_FLEET).targetCapacitySpecification(t -> t.totalTargetCapacity(1))),
                "InvalidFleetId.NotFound");
        clientError(() -> ec2.modifyFleet(r -> r.fleetId(UNKNOWN_FLEET)), "MissingParameter");
        clientError(() -> ec2.describeFleetHistory(r -> r.fleetId(UNKNOWN_FLEET).startTime(Instant.EPOCH)), "InvalidFleetId.NotFound");
        clientError(() -> ec2.describeFleets(r -> r.fleetIds("sfr-123")), "InvalidFleetId.Malformed");
        clientError(() -> ec2.deleteFleets(r -> r.fleetIds(UNKNOWN_FLEET)), "MissingParameter");
        clientError(() -> ec2.createFleet(r -> r.type(FleetType.MAINTAIN)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute").version("7")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "InvalidLaunchTemplateId.VersionNotFound");
    }

    @Test
    void launchTemplateActions() {
        clientError(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("missing-template")),
                "InvalidLaunchTemplateName.NotFoundException");
        clientError(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId("lt-0000000000000dead")),
                "InvalidLaunchTemplateId.NotFound");
        clientError(() -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("compute").versions("9")),
                "InvalidLaunchTemplateId.VersionNotFound");
        clientError(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateIds("nope")), "InvalidLaunchTemplateId.Malformed");
        clientError(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("no-data")), "MissingParameter");
        clientError(() -> ec2.createLaunchTemplate(r -> r.launchTemplateName("bad-type")
                .launchTemplateData(d -> d.imageId("ami-0def").instanceType("x9.huge"))), "InvalidParameterValue");
    }

    @Test
    void catalogActions() {
        clientError(() -> ec2.describeInstanceTypes(r -> r.maxResults(4)), "InvalidParameterValue");
        clientError(() -> ec2.describeInstanceTypes(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())),
                "InvalidParameterValue");
        clientError(() -> ec2.describeSpotPriceHistory(r -> r.instanceTypesWithStrings("x9.huge")), "InvalidParameterValue");
        clientError(() -> ec2.describeSpotPriceHistory(r -> r.maxResults(0)), "InvalidParameterValue");
        clientError(() -> ec2.describeSubnets(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())),
                "InvalidParameterValue");
    }
}
