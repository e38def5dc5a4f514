package dev.spotburst.ec2emu;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests for every action the emulator serves, with parameters EC2 knows given values that are often
 * wrong (bad numbers, unknown ids, wrong enums, garbage): the answer is a 200 or an EC2 {@code <Response><Errors>}
 * document with a 4xx status, never a 500 ({@code InternalError} is reserved for bugs in the emulator). ProtocolIT
 * has the hand-picked cases; this explores their combinations. Fixed seed, so the gate is deterministic.
 */
class MalformedRequestsIT {

    private static final List<String> ACTIONS = List.of("RunInstances", "DescribeInstances", "TerminateInstances",
            "StopInstances", "StartInstances", "CreateTags", "DeleteTags", "DescribeTags", "DescribeSpotInstanceRequests",
            "CancelSpotInstanceRequests", "CreateFleet", "ModifyFleet", "DescribeFleets", "DescribeFleetInstances",
            "DescribeFleetHistory", "DeleteFleets", "DescribeInstanceTypes", "DescribeSubnets", "DescribeAvailabilityZones",
            "DescribeSpotPriceHistory", "CreateLaunchTemplate", "DescribeLaunchTemplates", "DescribeLaunchTemplateVersions",
            "DescribeVolumes", "AttachVolume", "DetachVolume", "DeleteVolume", "ModifyInstanceAttribute");

    private static final List<String> PARAMS = List.of("InstanceId", "InstanceId.1", "InstanceId.2", "Filter.1.Name",
            "Filter.1.Value.1", "Filter.2.Name", "MaxResults", "NextToken", "MinCount", "MaxCount", "ImageId",
            "InstanceType", "InstanceType.1", "SubnetId", "SubnetId.1", "ClientToken", "Type", "FleetId", "FleetId.1",
            "TerminateInstances", "StartTime", "EndTime", "EventType", "Hibernate", "Force", "SpotInstanceRequestId.1",
            "ResourceId.1", "Tag.1.Key", "Tag.1.Value", "TagSpecification.1.ResourceType", "TagSpecification.1.Tag.1.Key",
            "TagSpecification.1.Tag.1.Value", "LaunchTemplate.LaunchTemplateName", "LaunchTemplate.LaunchTemplateId",
            "LaunchTemplate.Version", "LaunchTemplateName", "LaunchTemplateId", "LaunchTemplateVersion.1",
            "LaunchTemplateData.ImageId", "LaunchTemplateData.InstanceType", "LaunchTemplateData.HibernationOptions.Configured",
            "LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName",
            "LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateId",
            "LaunchTemplateConfigs.1.LaunchTemplateSpecification.Version", "LaunchTemplateConfigs.1.Overrides.1.SubnetId",
            "LaunchTemplateConfigs.1.Overrides.1.InstanceType", "LaunchTemplateConfigs.1.Overrides.1.AvailabilityZone",
            "LaunchTemplateConfigs.1.Overrides.1.Priority", "LaunchTemplateConfigs.1.Overrides.1.WeightedCapacity",
            "TargetCapacitySpecification.TotalTargetCapacity", "TargetCapacitySpecification.SpotTargetCapacity",
            "TargetCapacitySpecification.OnDemandTargetCapacity", "TargetCapacitySpecification.DefaultTargetCapacityType",
            "SpotOptions.AllocationStrategy", "SpotOptions.InstanceInterruptionBehavior", "OnDemandOptions.AllocationStrategy",
            "ExcessCapacityTerminationPolicy", "InstanceMarketOptions.MarketType",
            "InstanceMarketOptions.SpotOptions.SpotInstanceType",
            "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", "InstanceMarketOptions.SpotOptions.MaxPrice",
            "HibernationOptions.Configured", "BlockDeviceMapping.1.DeviceName", "BlockDeviceMapping.1.Ebs.VolumeSize",
            "ZoneName.1", "AvailabilityZone", "ProductDescription.1", "VolumeId", "VolumeId.1", "Device",
            "Attribute", "Value", "DisableApiStop.Value");

    private static final List<String> VALUES = List.of("", " ", "0", "1", "2", "-1", "5", "1000", "99999999999999999999",
            "1.5", "NaN", "abc", "true", "false", "maybe", "i-0123456789abcdef0", "i-", "i-zz", "fleet-x",
            "fleet-00000000-0000-0000-0000-000000000000", "sir-nope", "vol-0123", "subnet-a", "subnet-000000000000000a0",
            "subnet-missing", "m5.large", "c7g.large", "x9.huge", "compute", "lt-0123456789abcdef0", "$Latest", "$Default",
            "7", "us-east-1a", "mars-1a", "2026-01-01T00:00:00Z", "yesterday", "spot", "on-demand", "persistent",
            "one-time", "hibernate", "stop", "terminate", "instant", "request", "maintain", "instance", "fleet",
            "lowest-price", "aws:reserved", "/dev/xvda", "Linux/UNIX", "\u00e9\u00e8\u2603", "%", "<x>&amp;", "a".repeat(300));

    private static Ec2Emulator emu;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeContainer
    static void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().idSeed(7)
                .launchTemplate(new LaunchTemplateSpec("lt-0123456789abcdef0", "compute", "ami-0abc", "m5.large", true,
                        Map.of("Name", "compute")))
                .subnet(SubnetSpec.of("subnet-a", "us-east-1a", "10.0.1.0/24")).build());
    }

    @AfterContainer
    static void stop() {
        emu.close();
    }

    @Property(tries = 1500, seed = "20261122")
    void neverAFiveHundred(@ForAll("requests") Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode() == 200 || (r.statusCode() >= 400 && r.statusCode() < 500))
                .as("status %d for %s -> %s", r.statusCode(), body, r.body()).isTrue();
        Statistics.collect(r.statusCode() == 200 ? "200 " + form.get("Action") : "4xx");
        if (r.statusCode() != 200) {
            assertThat(r.body()).as(body).startsWith("<?xml").contains("<Response><Errors><Error><Code>")
                    .doesNotContain("<Code>InternalError</Code>").contains("<RequestID>");
        }
    }

    @Provide
    Arbitrary<Map<String, String>> requests() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(VALUES),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(Arbitraries.of(PARAMS), value).ofMaxSize(8);
        Arbitrary<Map<String, String>> fromScratch = Combinators.combine(Arbitraries.of(ACTIONS), params).as((action, p) -> {
            Map<String, String> form = new java.util.LinkedHashMap<>();
            form.put("Action", action);
            form.put("Version", "2016-11-15");
            form.putAll(p);
            return form;
        });
        // A valid request with a few parameters dropped, changed or added, to reach the checks behind the first one.
        Arbitrary<Map<String, String>> mutated = Combinators.combine(Arbitraries.of(VALID),
                Arbitraries.of(PARAMS).list().ofMaxSize(3), params).as((valid, drop, overlay) -> {
            Map<String, String> form = new java.util.LinkedHashMap<>(valid);
            drop.forEach(form::remove);
            form.putAll(overlay);
            form.put("Action", valid.get("Action"));
            return form;
        });
        return Arbitraries.oneOf(fromScratch, mutated);
    }

    private static final List<Map<String, String>> VALID = List.of(
            Map.of("Action", "RunInstances", "ImageId", "ami-0abc", "MinCount", "1", "MaxCount", "2", "SubnetId", "subnet-a",
                    "InstanceType", "m5.large", "InstanceMarketOptions.MarketType", "spot",
                    "InstanceMarketOptions.SpotOptions.SpotInstanceType", "persistent",
                    "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", "hibernate",
                    "HibernationOptions.Configured", "true"),
            Map.of("Action", "CreateFleet", "Type", "instant",
                    "LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName", "compute",
                    "LaunchTemplateConfigs.1.LaunchTemplateSpecification.Version", "$Latest",
                    "LaunchTemplateConfigs.1.Overrides.1.SubnetId", "subnet-a",
                    "TargetCapacitySpecification.TotalTargetCapacity", "2",
                    "TargetCapacitySpecification.DefaultTargetCapacityType", "spot"),
            Map.of("Action", "CreateLaunchTemplate", "LaunchTemplateName", "generated", "LaunchTemplateData.ImageId", "ami-0abc",
                    "LaunchTemplateData.InstanceType", "m5.large", "LaunchTemplateData.HibernationOptions.Configured", "true"),
            Map.of("Action", "CreateTags", "ResourceId.1", "subnet-a", "Tag.1.Key", "k", "Tag.1.Value", "v"),
            Map.of("Action", "DescribeInstances", "Filter.1.Name", "instance-state-name", "Filter.1.Value.1", "running",
                    "MaxResults", "5"),
            Map.of("Action", "DescribeFleetHistory", "FleetId", "fleet-00000000-0000-0000-0000-000000000000",
                    "StartTime", "2026-01-01T00:00:00Z"));
}
