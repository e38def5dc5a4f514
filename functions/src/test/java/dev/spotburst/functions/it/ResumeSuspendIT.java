package dev.spotburst.functions.it;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.ec2emu.ThrottleSpec;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume and suspend end to end through the real SDK: EC2 emulator on loopback + DynamoDB Local. */
class ResumeSuspendIT {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    Ec2Emulator emu;
    AmazonDynamoDBLocal ddb;
    StateStore store;
    RecordingSlurm slurm = new RecordingSlurm();
    PowerSaveBatch batch;

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1")
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
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
        store = new DynamoStateStore(ddb.dynamoDbClient(), "spotburst");
        // SDK retries off: throttling is retried by ThrottleRetry alone, on the emulator's manual clock.
        var client = software.amazon.awssdk.services.ec2.Ec2Client.builder().endpointOverride(emu.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        // Backoff sleeps advance the emulator's clock instead of the test's wall time.
        var retry = new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound);
        var ec2 = new Ec2Gateway(client, retry);
        batch = new PowerSaveBatch(store, new ResumeService(store, ec2, ec2, slurm), new SuspendService(store, ec2), slurm);
    }

    @AfterEach
    void stop() {
        emu.close();
        ddb.shutdown();
    }

    List<String> send(PowerSaveRequest.Kind kind, String hostlist, Instant at) {
        var id = UUID.randomUUID().toString();
        var body = MessageCodec.write(PowerSaveRequest.of(id, kind, hostlist, at, TestConfig.CLUSTER, List.of()));
        return batch.process(TestConfig.cluster(), List.of(new QueuedMessage("m-" + id, body)), at);
    }

    @Test
    void resumeLaunchesTagsAndBindsThenSuspendTerminates() {
        assertThat(send(PowerSaveRequest.Kind.RESUME, "batch-od-[0-2]", T0)).isEmpty();
        var rec = store.node(NodeName.parse("batch-od-1"));
        assertThat(rec.state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(rec.privateIp()).startsWith("10.0.1.");
        assertThat(rec.availabilityZone()).isEqualTo("eu-west-1a");
        var inst = emu.control().instance(rec.instanceId());
        // NodeNameTags=launch: a three-node fleet's instances carry what they share; no CreateTags per instance.
        assertThat(inst.tags()).containsEntry("spotburst:cluster", "demo").containsEntry("spotburst:node-group", "batch-od")
                .containsEntry("CostCenter", "genomics").doesNotContainKeys("Name", "spotburst:node");
        assertThat(emu.control().callCounts()).containsEntry("CreateFleet", 1L).doesNotContainKey("CreateTags");
        // What the compute node reads at boot: GetItem pk=LAUNCH#<instanceId>, sk=LAUNCH, attribute node.
        var launch = ddb.dynamoDbClient().getItem(g -> g.tableName("spotburst").consistentRead(true).key(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LAUNCH#" + rec.instanceId()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LAUNCH")))).item();
        assertThat(launch.get("node").s()).isEqualTo("batch-od-1");
        assertThat(launch).doesNotContainKey("endedAt");

        assertThat(send(PowerSaveRequest.Kind.SUSPEND, "batch-od-[0-2]", T0.plusSeconds(600))).isEmpty();
        assertThat(store.node(NodeName.parse("batch-od-1")).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(emu.control().instance(rec.instanceId()).state()).isIn("shutting-down", "terminated");
    }

    @Test
    void spotShortageFallsBackToOnDemandAndTotalShortageDownsNodesWithTheCode() {
        for (var type : List.of("m6i.2xlarge", "m5.2xlarge")) {
            for (var az : List.of("eu-west-1a", "eu-west-1b")) {
                emu.control().setCapacity(type, az, "spot", 0);
            }
        }
        assertThat(send(PowerSaveRequest.Kind.RESUME, "batch-spot-[0-1]", T0)).isEmpty();
        assertThat(store.node(NodeName.parse("batch-spot-0")).market()).isEqualTo(Market.ON_DEMAND);

        for (var type : List.of("m6i.2xlarge", "m5.2xlarge")) {
            for (var az : List.of("eu-west-1a", "eu-west-1b")) {
                emu.control().setCapacity(type, az, "on-demand", 0);
            }
        }
        assertThat(send(PowerSaveRequest.Kind.RESUME, "batch-spot-[2-3]", T0)).isEmpty();
        assertThat(store.node(NodeName.parse("batch-spot-2")).state()).isEqualTo(NodeState.FAILED);
        var down = (SlurmCommand.NodeDown) slurm.commands.getFirst().command();
        assertThat(down.nodes()).isEqualTo("batch-spot-[2-3]");
        assertThat(down.reason()).startsWith("spotburst: ").contains("eu-west-1a").contains("m6i.2xlarge");
        System.out.println("NodeDown reason from the emulator: " + down.reason());
    }

    @Test
    void hibernatingNodeGetsAPersistentRequestThatSuspendCancelsBeforeTerminating() {
        emu.control().setCapacity("m6i.2xlarge", "eu-west-1a", "spot", 0);
        assertThat(send(PowerSaveRequest.Kind.RESUME, "batch-hib-0", T0)).isEmpty();
        var rec = store.node(NodeName.parse("batch-hib-0"));
        assertThat(rec.state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(rec.spotRequestId()).isNotNull();
        assertThat(rec.availabilityZone()).isEqualTo("eu-west-1b");
        var inst = emu.control().instance(rec.instanceId());
        assertThat(inst.spotInstanceRequestId()).isEqualTo(rec.spotRequestId());
        assertThat(inst.tags()).containsEntry("Name", "batch-hib-0");

        assertThat(send(PowerSaveRequest.Kind.SUSPEND, "batch-hib-0", T0.plusSeconds(60))).isEmpty();
        assertThat(store.node(NodeName.parse("batch-hib-0")).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(emu.control().instance(rec.instanceId()).state()).isIn("shutting-down", "terminated");
        assertThat(emu.control().callCounts()).containsEntry("CancelSpotInstanceRequests", 1L);
    }

    @Test
    void throttlingIsRetriedAndNeverDownsNodes() {
        emu.control().setThrottle(ThrottleSpec.global(1, 2));
        long t = System.nanoTime();
        assertThat(send(PowerSaveRequest.Kind.RESUME, "batch-od-[0-3]", T0)).isEmpty();
        System.out.println("throttled resume took " + (System.nanoTime() - t) / 1_000_000 + " ms, calls " + emu.control().callCounts());
        assertThat(store.nodes(NodeName.parse("batch-od-0").group())).hasSize(4)
                .allMatch(r -> r.state() == NodeState.LAUNCHED);
        assertThat(slurm.commands).isEmpty();
    }
}
