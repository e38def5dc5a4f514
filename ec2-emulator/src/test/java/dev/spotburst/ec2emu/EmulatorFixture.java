package dev.spotburst.ec2emu;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One emulator per test with a virtual clock and a real SDK client that does not retry. */
abstract class EmulatorFixture {

    protected Ec2Emulator emu;
    protected Ec2Client ec2;
    protected ManualClock clock;
    protected final List<String> events = new CopyOnWriteArrayList<>();

    protected Ec2EmulatorOptions.Builder options() {
        return Ec2EmulatorOptions.builder().idSeed(42)
                .launchTemplate(new LaunchTemplateSpec("lt-0123456789abcdef0", "compute", "ami-0abc", "m5.large", true,
                        java.util.Map.of("Name", "compute")))
                .subnet(SubnetSpec.of("subnet-a", "us-east-1a", "10.0.1.0/24"))
                .subnet(SubnetSpec.of("subnet-b", "us-east-1b", "10.0.2.0/24"));
    }

    @BeforeEach
    void startEmulator() {
        clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        emu = Ec2Emulator.start(options().clock(clock).build());
        emu.addEventSink(events::add);
        ec2 = client(RetryPolicy.none());
    }

    protected Ec2Client client(RetryPolicy retry) {
        return Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(retry))
                .build();
    }

    @AfterEach
    void stopEmulator() {
        ec2.close();
        emu.close();
    }

    protected static Ec2Exception ec2Error(Runnable call, String code) {
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call::run);
        assertThat(e).as("expected EC2 error " + code).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        return e;
    }

    protected List<String> eventsOfType(String detailType) {
        return events.stream().filter(e -> e.contains("\"detail-type\":\"" + detailType + "\"")).toList();
    }
}
