package dev.spotburst.functions.observability;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.resume.NodeRequest;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.model.MetricNames;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launch metrics from a real resume through the SDK against the EC2 emulator (loopback) and DynamoDB Local: the
 * {@link MeteredLaunchCapacity} in front of the EC2 gateway sees every CreateFleet / RunInstances and its errors.
 */
class LaunchMetricsIT {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> TYPES = List.of("m6i.2xlarge", "m5.2xlarge");
    static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b");

    Ec2Emulator emu;
    AmazonDynamoDBLocal ddb;
    RecordingSlurm slurm = new RecordingSlurm();
    ResumeService resume;
    RecordingMetrics recorded = new RecordingMetrics();
    ControlPlaneMetrics both;
    EmfMetrics emf = new EmfMetrics(MetricNames.NAMESPACE, TestConfig.CLUSTER);

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1").availabilityZones(ZONES)
                .subnet(SubnetSpec.of("subnet-a", "eu-west-1a", "10.0.1.0/24"))
                .subnet(SubnetSpec.of("subnet-b", "eu-west-1b", "10.0.2.0/24"))
                .instanceType(new InstanceTypeSpec("m6i.2xlarge", 8, 32768, true, "x86_64", 0.384, 0.15))
                .launchTemplate(LaunchTemplateSpec.of("lt-0abc", "hpc-spot", "ami-1", "m5.large"))
                .launchTemplate(LaunchTemplateSpec.of("lt-0def", "hpc-node", "ami-1", "m5.large"))
                .launchTemplate(LaunchTemplateSpec.of("lt-0fed", "hpc-node-hibernate", "ami-1", "m5.large"))
                .idSeed(42).build());
        LocalTable.ensureTmpDir();
        ddb = DynamoDBEmbedded.create(true);
        LocalTable.create(ddb.dynamoDbClient(), "spotburst");
        var store = new DynamoStateStore(ddb.dynamoDbClient(), "spotburst");
        var client = software.amazon.awssdk.services.ec2.Ec2Client.builder().endpointOverride(emu.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        var retry = new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound);
        var ec2 = new Ec2Gateway(client, retry);
        both = m -> {
            recorded.record(m);
            emf.record(m);
        };
        resume = new ResumeService(store, new MeteredLaunchCapacity(ec2, TestConfig.cluster(), both), ec2,
                new MeteredSlurmCommands(slurm, both));
    }

    @AfterEach
    void stop() {
        emu.close();
        ddb.shutdown();
    }

    ResumeService.Result resume(String hostlist) {
        return resume.resume(TestConfig.cluster(),
                Hostlist.expand(hostlist).stream().map(n -> new NodeRequest(NodeName.parse(n), T0)).toList(), T0);
    }

    void noCapacity(String market) {
        TYPES.forEach(t -> ZONES.forEach(z -> emu.control().setCapacity(t, z, market, 0)));
    }

    static Map<String, String> launched(String market, String api) {
        return Map.of(MetricNames.DIMENSION_MARKET, market, MetricNames.DIMENSION_API, api);
    }

    @Test
    void spotFleetLaunchIsCountedBySpotAndFleet() {
        assertThat(resume("batch-spot-[0-2]").launched()).hasSize(3);
        assertThat(recorded.sum(MetricNames.INSTANCES_LAUNCHED, launched("spot", "fleet"))).isEqualTo(3);
        assertThat(recorded.sum(MetricNames.INSTANCES_LAUNCHED, launched("on-demand", "fleet"))).isZero();
        assertThat(recorded.sum(MetricNames.ON_DEMAND_FALLBACKS)).isZero();

        var emitted = EmfCapture.run(emf::flush);
        assertThat(EmfCapture.named(emitted, MetricNames.INSTANCES_LAUNCHED)).singleElement().satisfies(e -> {
            assertThat(e.namespace()).isEqualTo("Spotburst");
            assertThat(e.dimensions()).containsExactlyInAnyOrderEntriesOf(Map.of("Service", "demo", "Market", "spot",
                    "Api", "fleet"));
            assertThat(e.value()).isEqualTo(3.0);
        });
    }

    @Test
    void spotShortageCountsCapacityErrorsAndTheOnDemandFallbackThenTotalShortageCountsNodesDown() {
        noCapacity("spot");
        assertThat(resume("batch-spot-[0-1]").launched()).hasSize(2);
        assertThat(recorded.sum(MetricNames.INSTANCES_LAUNCHED, launched("spot", "fleet"))).isZero();
        assertThat(recorded.sum(MetricNames.INSTANCES_LAUNCHED, launched("on-demand", "fleet"))).isEqualTo(2);
        assertThat(recorded.sum(MetricNames.ON_DEMAND_FALLBACKS)).isEqualTo(2);
        assertThat(recorded.sum(MetricNames.CAPACITY_ERRORS)).isPositive();
        var codes = recorded.recorded().stream().filter(m -> m instanceof ControlPlaneMetric.LaunchErrorCode)
                .map(m -> ((ControlPlaneMetric.LaunchErrorCode) m).code()).distinct().toList();
        System.out.println("capacity error codes from the emulator: " + codes);
        assertThat(codes).allSatisfy(c -> assertThat(dev.spotburst.functions.launch.CapacityErrors.isCapacity(c)).isTrue());

        noCapacity("on-demand");
        assertThat(resume("batch-spot-[2-3]").failed()).hasSize(2);
        // The two failed nodes, then the group's four other powered-down nodes held DOWN by its capacity cooldown.
        assertThat(recorded.sum(MetricNames.NODES_DOWN)).isEqualTo(2 + 4);
        var emitted = EmfCapture.run(emf::flush);
        assertThat(EmfCapture.named(emitted, MetricNames.CAPACITY_ERRORS))
                .allSatisfy(e -> assertThat(e.dimensionSets()).containsExactly(List.of("ErrorCode", "Service")));
        assertThat(EmfCapture.named(emitted, MetricNames.ON_DEMAND_FALLBACKS)).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(4.0));
    }

    @Test
    void hibernatingGroupLaunchesSpotThroughRunInstances() {
        emu.control().setCapacity("m6i.2xlarge", "eu-west-1a", "spot", 0);
        assertThat(resume("batch-hib-0").launched()).hasSize(1);
        assertThat(recorded.sum(MetricNames.INSTANCES_LAUNCHED, launched("spot", "run-instances"))).isEqualTo(1);
        assertThat(recorded.sum(MetricNames.CAPACITY_ERRORS)).isEqualTo(1);
        assertThat(recorded.sum(MetricNames.ON_DEMAND_FALLBACKS)).isZero();
    }
}
