package dev.spotburst.functions.it;

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
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry node group cools down (EC2 emulator on loopback + DynamoDB Local): the first capacity failure downs the
 * group's other powered-down nodes, later resumes fail without an EC2 call, and the reconciler repairs the
 * {@code down~} nodes only once the cooldown (the default 600 s) is over.
 */
class CapacityCooldownIT {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final NodeGroupId SPOT = NodeGroupId.parse("batch-spot");

    Ec2Emulator emu;
    AmazonDynamoDBLocal ddb;
    StateStore store;
    RecordingSlurm slurm = new RecordingSlurm();
    PowerSaveBatch batch;
    Reconciler reconciler;

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
        var client = software.amazon.awssdk.services.ec2.Ec2Client.builder().endpointOverride(emu.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        var retry = new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound);
        var ec2 = new Ec2Gateway(client, retry);
        var resume = new ResumeService(store, ec2, ec2, slurm);
        batch = new PowerSaveBatch(store, resume, new SuspendService(store, ec2), slurm);
        reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume,
                new HibernationService(store, ec2, slurm)));
    }

    @AfterEach
    void stop() {
        emu.close();
        ddb.shutdown();
    }

    @Test
    void aDryGroupCoolsDownFailsFastAndIsRepairedOnlyAfterwards() {
        // batch-spot falls back to On-Demand: dry every pool of both markets.
        for (var type : List.of("m6i.2xlarge", "m5.2xlarge")) {
            for (var az : List.of("eu-west-1a", "eu-west-1b")) {
                emu.control().setCapacity(type, az, "spot", 0);
                emu.control().setCapacity(type, az, "on-demand", 0);
            }
        }
        assertThat(send("batch-spot-0", T0)).isEmpty();

        assertThat(store.node(node(0)).state()).isEqualTo(NodeState.FAILED);
        var group = store.group(SPOT);
        assertThat(group.capacityCooldownUntil()).isEqualTo(T0.plusSeconds(600));
        assertThat(group.capacityCooldownCode()).isNotBlank();
        String cooldownReason = "spotburst: capacity cooldown until 2026-11-22T10:10:00Z ("
                + group.capacityCooldownCode() + ")";
        var downs = nodeDowns();
        assertThat(downs).hasSize(2);
        assertThat(downs.get(0).nodes()).isEqualTo("batch-spot-0");
        assertThat(downs.get(0).reason()).contains(group.capacityCooldownCode());
        assertThat(downs.get(1).nodes()).isEqualTo("batch-spot-[1-7]");
        assertThat(downs.get(1).reason()).isEqualTo(cooldownReason);
        System.out.println("cooldown NodeDown: " + downs.get(1));
        long fleets = emu.control().callCounts().getOrDefault("CreateFleet", 0L);

        // Slurm still resumes another node of the group (e.g. asked before the DOWN arrived): no EC2 call.
        slurm.commands.clear();
        assertThat(send("batch-spot-3", T0.plusSeconds(60))).isEmpty();
        assertThat(emu.control().callCounts().getOrDefault("CreateFleet", 0L)).isEqualTo(fleets);
        var failed = store.node(node(3));
        assertThat(failed.state()).isEqualTo(NodeState.FAILED);
        assertThat(failed.reason()).isEqualTo(cooldownReason);
        assertThat(nodeDowns()).containsExactly(new SlurmCommand.NodeDown("batch-spot-3", cooldownReason));

        // During the cooldown the reconciler leaves the down~ nodes alone.
        slurm.commands.clear();
        reconcile(T0.plusSeconds(120));
        assertThat(resumed()).isEmpty();

        // Past it, the usual repair returns them to idle~ (batch-spot-3 failed later: still held by its failure).
        slurm.commands.clear();
        reconcile(T0.plusSeconds(601));
        assertThat(resumed()).containsExactlyInAnyOrder("batch-spot-0", "batch-spot-1", "batch-spot-2",
                "batch-spot-4", "batch-spot-5", "batch-spot-6", "batch-spot-7");
        assertThat(emu.control().callCounts().getOrDefault("CreateFleet", 0L)).isEqualTo(fleets);
    }

    List<String> send(String hostlist, Instant at) {
        var id = UUID.randomUUID().toString();
        var body = MessageCodec.write(PowerSaveRequest.of(id, PowerSaveRequest.Kind.RESUME, hostlist, at,
                TestConfig.CLUSTER, List.of()));
        return batch.process(TestConfig.cluster(), List.of(new QueuedMessage("m-" + id, body)), at);
    }

    /** Slurm as the cooldown left it: every node of the group {@code down~}. */
    void reconcile(Instant now) {
        var nodes = TestConfig.spot().nodes().map(n -> new SlurmSnapshot.Node(n.toString(), "DOWN",
                Set.of("POWERED_DOWN"), "spotburst: capacity cooldown", null, List.of())).toList();
        store.saveSlurmSnapshot(new SlurmSnapshot(1, now, TestConfig.CLUSTER, nodes));
        reconciler.run(TestConfig.cluster(), List.of(SPOT), now);
    }

    List<SlurmCommand.NodeDown> nodeDowns() {
        return slurm.commands.stream().map(CommandMessage::command)
                .filter(c -> c instanceof SlurmCommand.NodeDown).map(c -> (SlurmCommand.NodeDown) c).toList();
    }

    List<String> resumed() {
        return slurm.commands.stream().map(CommandMessage::command)
                .filter(c -> c instanceof SlurmCommand.NodeResume).map(c -> ((SlurmCommand.NodeResume) c).nodes())
                .toList();
    }

    static NodeName node(int i) {
        return NodeName.parse("batch-spot-" + i);
    }
}
