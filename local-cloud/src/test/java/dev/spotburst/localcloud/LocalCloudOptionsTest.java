package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalCloudOptionsTest {

    @Test
    void noEndpointVariablesMeansEverythingLocal() {
        LocalCloudOptions options = LocalCloudOptions.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));
        assertThat(options.externalEndpoints()).isEmpty();
        assertThat(options.region()).isEqualTo("eu-west-1");
    }

    @Test
    void serviceSpecificEndpointWinsOverGlobalAndOthersFollowTheGlobal() {
        LocalCloudOptions options = LocalCloudOptions.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:9999"));
        assertThat(options.externalEndpoints()).containsExactlyInAnyOrderEntriesOf(Map.of(
                CloudService.EC2, URI.create("http://127.0.0.1:9999"),
                CloudService.DYNAMODB, URI.create("http://127.0.0.1:4566"),
                CloudService.SQS, URI.create("http://127.0.0.1:4566")));
    }

    @Test
    void onlyTheConfiguredServiceIsExternal() {
        LocalCloudOptions options = LocalCloudOptions.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000", "AWS_DEFAULT_REGION", "ap-south-1"));
        assertThat(options.isExternal(CloudService.DYNAMODB)).isTrue();
        assertThat(options.isExternal(CloudService.EC2)).isFalse();
        assertThat(options.region()).isEqualTo("ap-south-1");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> LocalCloudOptions.fromEnvironment(Map.of("AWS_ENDPOINT_URL_SQS", "localhost")))
                .hasMessageContaining("AWS_ENDPOINT_URL_SQS").hasMessageContaining("localhost");
        assertThatThrownBy(() -> LocalCloudOptions.defaults().withSqsPort(70_000)).hasMessageContaining("sqsPort");
    }

    @Test
    void emulatorGetsOurPortAndRegionWithZonesOfThatRegion() {
        var ec2 = LocalCloudOptions.defaults().withRegion("eu-west-1").withEc2Port(4242).effectiveEc2Options();
        assertThat(ec2.port()).isEqualTo(4242);
        assertThat(ec2.region()).isEqualTo("eu-west-1");
        assertThat(ec2.availabilityZones()).containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
    }
}
