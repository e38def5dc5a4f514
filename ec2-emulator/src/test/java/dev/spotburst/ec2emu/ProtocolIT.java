package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw HTTP: malformed input is always a 4xx EC2 error document, never a 500; the JSON control endpoint works. */
class ProtocolIT extends EmulatorFixture {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body, String contentType) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void malformedRequestsNeverFiveHundred() throws Exception {
        List<String> bodies = List.of("", "Action=", "Action=Bogus", "Action=RunInstances", "Action=RunInstances&MinCount=x&MaxCount=1",
                "Action=RunInstances&MinCount=1&MaxCount=1&ImageId=ami-1&InstanceMarketOptions.MarketType=bogus",
                "Action=DescribeInstances&InstanceId.x=i-1", "Action=DescribeInstances&InstanceId.0=i-1",
                "Action=DescribeInstances&Filter.1.Value.1=a", "Action=DescribeInstances&MaxResults=abc",
                "Action=DescribeInstances&NextToken=garbage", "Action=TerminateInstances", "Action=CreateFleet",
                "Action=CreateFleet&TargetCapacitySpecification.TotalTargetCapacity=-1&LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName=compute",
                "Action=CreateFleet&Type=weird", "Action=DeleteFleets&FleetId.1=fleet-1", "Action=DescribeFleetHistory&FleetId=fleet-x&StartTime=yesterday",
                "Action=DescribeFleetHistory&FleetId=fleet-x&StartTime=99999999999999999999",
                "Action=CreateTags&ResourceId.1=bogus&Tag.1.Key=a", "Action=StopInstances&InstanceId.1=i-0123456789abcdef0&Hibernate=maybe",
                "Action=%ZZ", "Action=DescribeInstances&DryRun=true", "Action=ModifyFleet&FleetId=fleet-x",
                "Action=CancelSpotInstanceRequests", "Action=CreateLaunchTemplate&LaunchTemplateName=abc",
                "Action=DescribeSpotPriceHistory&StartTime=2026-01-02T00:00:00Z&EndTime=2026-01-01T00:00:00Z");
        for (String body : bodies) {
            HttpResponse<String> r = post("/", body, "application/x-www-form-urlencoded; charset=utf-8");
            assertThat(r.statusCode()).as(body).isBetween(400, 499);
            assertThat(r.body()).as(body).contains("<Response><Errors><Error><Code>").contains("<RequestID>");
        }
        assertThat(post("/", "Action=Bogus", "text/plain").body()).contains("<Code>InvalidAction</Code>");
        assertThat(post("/", "Action=DescribeInstances&DryRun=true", "application/x-www-form-urlencoded").statusCode()).isEqualTo(412);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/?Action=DescribeAvailabilityZones&Version=2016-11-15"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("<DescribeAvailabilityZonesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">");
    }

    @Test
    void controlOverHttp() throws Exception {
        String iid = ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-a")
                .instanceMarketOptions(m -> m.marketType("spot"))).instances().get(0).instanceId();
        assertThat(post("/_emulator/setCapacity", "{\"instanceType\":\"m5.large\",\"availabilityZone\":\"us-east-1a\",\"market\":\"spot\",\"available\":0}",
                "application/json").statusCode()).isEqualTo(200);
        assertThat(post("/_emulator/interrupt", "{\"instanceId\":\"" + iid + "\"}", "application/json").statusCode()).isEqualTo(200);
        assertThat(post("/_emulator/advance", "{\"duration\":\"PT2M\"}", "application/json").statusCode()).isEqualTo(200);
        assertThat(emu.control().instance(iid).state()).isEqualTo("terminated");
        HttpResponse<String> instances = post("/_emulator/instances", "{}", "application/json");
        assertThat(instances.body()).contains(iid).contains("\"state\":\"terminated\"");
        assertThat(post("/_emulator/setCapacity", "{\"instanceType\":\"m5.large\"}", "application/json").statusCode()).isEqualTo(400);
        assertThat(post("/_emulator/nope", "{}", "application/json").body()).contains("unknown control op");
        assertThat(post("/_emulator/callCounts", "", "application/json").body()).contains("\"RunInstances\":1");
    }

    @Test
    void startupTime() {
        long t0 = System.nanoTime();
        try (Ec2Emulator e = Ec2Emulator.start(Ec2EmulatorOptions.defaults())) {
            long micros = (System.nanoTime() - t0) / 1000;
            System.out.println("[ec2-emulator] start-up time: " + micros / 1000.0 + " ms (port " + e.endpoint().getPort() + ")");
            assertThat(Duration.ofNanos(1)).isPositive();
        }
    }
}
