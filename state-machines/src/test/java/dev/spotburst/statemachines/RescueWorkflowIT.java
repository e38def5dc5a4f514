package dev.spotburst.statemachines;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ClusterExtensions;
import dev.spotburst.config.InstanceOverride;
import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeGroupExtensions;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.config.PluginConfig;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.EmulatorClock;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.handlers.WorkflowTaskHandler;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.rescue.RescuePolling;
import dev.spotburst.functions.rescue.RescueRecords;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.functions.rescue.RescueWorkflow;
import dev.spotburst.functions.rescue.aws.Ec2RescueAdapter;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.state.dynamo.StateTableSchema;
import dev.spotburst.functions.workflow.WorkflowTasks;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.AslExecution;
import dev.spotburst.localcloud.AslRunner;
import dev.spotburst.localcloud.TaskHandler;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceState;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow path of the rescue: hibernation.asl.json run by the local interpreter with the interruption warning
 * as input, every Task answered by the real {@link WorkflowTaskHandler} over the EC2 emulator (lifecycle delays on a
 * virtual clock) and DynamoDB Local. The interpreter's Waits take no time, so each task call first moves the
 * virtual clock by the Wait before it (30 s before a status poll, 15 s before a rescue step).
 */
class RescueWorkflowIT {
    static final Path ASL = Path.of("src/main/asl/hibernation.asl.json");
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String TYPE = "m6i.2xlarge";
    static final String AZ = "eu-west-1a";
    static final NodeName NODE = NodeName.parse("batch-hib-0");

    Ec2Emulator emu;
    AmazonDynamoDBLocal ddb;
    Ec2Client client;
    StateStore store;
    final List<CommandMessage> commands = new CopyOnWriteArrayList<>();
    WorkflowTaskHandler handler;
    final ClusterConfig config = cluster();

    static ClusterConfig cluster() {
        var hib = new NodeGroupConfig("batch", "hib", 4, "eu-west-1", null, Market.SPOT, Map.of(),
                Map.of("InstanceInterruptionBehavior", "hibernate"), new LaunchTemplateRef(null, "hpc-node-hibernate", "$Latest"),
                List.of(new InstanceOverride(TYPE, Map.of())), List.of("subnet-a"), List.of(), Map.of(),
                new NodeGroupExtensions(0, null, false, 240, 30, NodeGroupExtensions.RebalanceAction.DRAIN));
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(hib), Map.of())),
                new PluginConfig("INFO", "/var/log/x", "/usr/bin", null, Map.of(), new ClusterExtensions("demo", 300, 3, 60)));
    }

    @BeforeEach
    void start() throws Exception {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1").clock(EmulatorClock.manual(T0))
                .availabilityZones(List.of(AZ, "eu-west-1b"))
                .subnet(SubnetSpec.of("subnet-a", AZ, "10.0.1.0/24"))
                .instanceType(new InstanceTypeSpec(TYPE, 8, 32768, true, "x86_64", 0.384, 0.15))
                .launchTemplate(new LaunchTemplateSpec("lt-0fed", "hpc-node-hibernate", "ami-1", TYPE, true, Map.of()))
                .pendingToRunning(Duration.ofSeconds(20)).stoppingToStopped(Duration.ofSeconds(40))
                .shuttingDownToTerminated(Duration.ofSeconds(10)).idSeed(5).build());
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        ddb = DynamoDBEmbedded.create(true);
        createTable(ddb.dynamoDbClient());
        store = new DynamoStateStore(ddb.dynamoDbClient(), "spotburst");
        client = Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        var retry = new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound);
        var ec2 = new Ec2Gateway(client, retry);
        dev.spotburst.functions.slurm.SlurmCommands slurm = commands::addAll;
        var resume = new ResumeService(store, ec2, ec2, slurm);
        var hibernation = new HibernationService(store, ec2, slurm);
        var rescue = new RescueService(store, new RescueWorkflow(store, new Ec2RescueAdapter(client, retry),
                new RescueRecords(store, slurm, "demo"), RescuePolling.stepwise(RescuePolling.STEP_BUDGET)),
                RescueService.DEFAULT_MAX_PER_RUN);
        handler = new WorkflowTaskHandler(new WorkflowTasks(store, resume,
                new ReconcileExecutor(store, ec2, ec2, slurm, resume, hibernation), hibernation, rescue), config, virtualClock());
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
        ddb.shutdown();
    }

    Clock virtualClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return emu.options().clock().now();
            }
        };
    }

    /** The real workflow function; the virtual clock first moves by the Wait that precedes the state. */
    TaskHandler lambda(Duration waitBefore) {
        return input -> {
            emu.control().advance(waitBefore);
            Map<String, Object> in = Json.mapper().convertValue(input, new TypeReference<>() { });
            return Json.mapper().valueToTree(handler.handleRequest(in, null));
        };
    }

    /** A READY Spot node (persistent request, hibernate behaviour) running a job. */
    InstanceView spotNode() {
        var run = client.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("hpc-node-hibernate"))
                .instanceType(TYPE).subnetId("subnet-a").minCount(1).maxCount(1)
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(SpotInstanceType.PERSISTENT)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.HIBERNATE)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                        Tag.builder().key("Name").value(NODE.toString()).build(),
                        Tag.builder().key("spotburst:node").value(NODE.toString()).build(),
                        Tag.builder().key("spotburst:node-group").value("batch-hib").build(),
                        Tag.builder().key("spotburst:cluster").value("demo").build()).build()))
                .instances().get(0);
        emu.control().advance(Duration.ofSeconds(30));
        var b = new InstanceBinding(run.instanceId(), run.spotInstanceRequestId(), Market.SPOT, TYPE, AZ, run.privateIpAddress());
        var launched = NodeRecord.initial(NODE).launched(b, T0);
        assertThat(store.transition(NodeRecord.initial(NODE), launched)).isTrue();
        assertThat(store.transition(launched, launched.ready(T0))).isTrue();
        return emu.control().instance(run.instanceId());
    }

    static String warning(String instanceId) throws Exception {
        try (var in = RescueWorkflowIT.class.getClassLoader()
                .getResourceAsStream("events/ec2/spot-interruption-warning-hibernate.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("i-0a1b2c3d4e5f67890", instanceId);
        }
    }

    @Test
    void theWatchdogRescuesANodeThatSleptPastItsLimitOntoOnDemandWithItsMemory() throws Exception {
        var spot = spotNode();
        String memory = spot.memory();
        // Spot capacity is reclaimed and never returns.
        emu.control().interruptPool(TYPE, AZ);

        AslExecution run = AslRunner.run(ASL, warning(spot.instanceId()), Map.of(
                "Status", lambda(Duration.ofSeconds(30)), "Rescue", lambda(Duration.ofSeconds(15)),
                "GiveUp", lambda(Duration.ZERO)), LaunchStateMachineIT.SUBS);
        assertThat(run.succeeded()).as(run.error() + " " + run.cause()).isTrue();
        assertThat(run.enteredStates()).contains("Rescued").doesNotContain("GiveUp", "Lost", "RescueFailed");
        // Step by step: the rescue returned "in progress" while EC2 moved the twin through its transitions.
        assertThat(run.timesEntered("Rescue")).isGreaterThan(2);
        assertThat(run.timesEntered("WaitRescue")).isEqualTo(run.timesEntered("Rescue") - 1);

        var rec = store.node(NODE);
        assertThat(rec.state()).isEqualTo(NodeState.READY);
        assertThat(rec.market()).isEqualTo(Market.ON_DEMAND);
        var od = emu.control().instance(rec.instanceId());
        assertThat(od.state()).isEqualTo("running");
        assertThat(od.market()).isEqualTo("on-demand");
        assertThat(od.resumedFromHibernation()).isTrue();
        assertThat(od.memory()).isEqualTo(memory);
        assertThat(client.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(spot.spotInstanceRequestId()))
                .spotInstanceRequests().get(0).state()).isEqualTo(SpotInstanceState.CANCELLED);
        emu.control().advance(Duration.ofMinutes(1));
        assertThat(emu.control().instances()).filteredOn(i -> !i.state().equals("terminated"))
                .extracting(InstanceView::instanceId).containsExactly(od.instanceId());
        assertThat(commands).extracting(CommandMessage::command).containsExactly(
                new SlurmCommand.NodeDrain(NODE.toString(), "spotburst: hibernated (" + spot.instanceId() + ")"),
                new SlurmCommand.NodeAddress(NODE.toString(), od.privateIpAddress(), null),
                new SlurmCommand.NodeResume(NODE.toString()));
    }

    @Test
    void noOnDemandCapacityFailsTheExecutionAndTheNode() throws Exception {
        var spot = spotNode();
        emu.control().interruptPool(TYPE, AZ);
        emu.control().setCapacity(TYPE, AZ, "on-demand", 0);

        AslExecution run = AslRunner.run(ASL, warning(spot.instanceId()), Map.of(
                "Status", lambda(Duration.ofSeconds(30)), "Rescue", lambda(Duration.ofSeconds(15)),
                "GiveUp", lambda(Duration.ZERO)), LaunchStateMachineIT.SUBS);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.error()).isEqualTo("spotburst.RescueFailed");
        assertThat(store.node(NODE).state()).isEqualTo(NodeState.FAILED);
        assertThat(store.node(NODE).reason()).isEqualTo("spotburst: rescue failed: InsufficientInstanceCapacity");
        assertThat(commands).extracting(CommandMessage::command).contains(
                new SlurmCommand.NodeDown(NODE.toString(), "spotburst: rescue failed: InsufficientInstanceCapacity"));
    }

    static void createTable(DynamoDbClient dynamo) {
        StateTableSchema.create(dynamo, "spotburst");
    }
}
