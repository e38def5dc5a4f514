package dev.spotburst.functions.it;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
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
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.handlers.Ec2EventHandler;
import dev.spotburst.functions.handlers.ReconcileHandler;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.rescue.RescuePolling;
import dev.spotburst.functions.rescue.RescueRecords;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.functions.rescue.RescueWorkflow;
import dev.spotburst.functions.rescue.aws.Ec2RescueAdapter;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SpotInstanceState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rescue as the deployed control plane runs it: a node resumed through the power-save path, hibernated by a
 * Spot interruption (events delivered to the event handler), Spot capacity never returns, and the scheduled
 * {@link ReconcileHandler} — nothing else — moves it to On-Demand one step per tick once MaxHibernationMinutes has
 * passed. EC2 emulator with real lifecycle delays (20 s pending, 40 s stopping) on a virtual clock + DynamoDB Local.
 */
class RescueReconcileIT {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String TYPE = "m6i.2xlarge";
    static final String AZ = "eu-west-1a";
    static final NodeName NODE = NodeName.parse("batch-hib-0");
    static final Set<String> MUTATING = Set.of("RunInstances", "StopInstances", "StartInstances", "TerminateInstances",
            "CancelSpotInstanceRequests", "AttachVolume", "DetachVolume", "DeleteVolume", "CreateTags",
            "ModifyInstanceAttribute", "CreateFleet", "RequestSpotInstances");

    Ec2Emulator emu;
    AmazonDynamoDBLocal ddb;
    StateStore store;
    Ec2Client client;
    Ec2Gateway ec2;
    RecordingSlurm slurm = new RecordingSlurm();
    ClusterConfig config = cluster();
    PowerSaveBatch batch;
    Reconciler reconciler;
    RescueService rescue;
    Ec2EventService events;
    final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

    static ClusterConfig cluster() {
        var hib = new NodeGroupConfig("batch", "hib", 4, "eu-west-1", null, Market.SPOT,
                Map.of(), Map.of("AllocationStrategy", "capacity-optimized", "InstanceInterruptionBehavior", "hibernate"),
                new LaunchTemplateRef(null, "hpc-node-hibernate", "$Latest"),
                List.of(new InstanceOverride(TYPE, Map.of())), List.of("subnet-a"), List.of(), Map.of(),
                new NodeGroupExtensions(0, null, false, 240, 30, NodeGroupExtensions.RebalanceAction.DRAIN));
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(hib), Map.of())),
                new PluginConfig("INFO", "/var/log/x", "/usr/bin", null, Map.of("ResumeTimeout", "600"),
                        new ClusterExtensions("demo", 300, 3, 60)));
    }

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1").clock(EmulatorClock.manual(T0))
                .availabilityZones(List.of(AZ, "eu-west-1b"))
                .subnet(SubnetSpec.of("subnet-a", AZ, "10.0.0.0/20"))
                .instanceType(new InstanceTypeSpec(TYPE, 8, 32768, true, "x86_64", 0.384, 0.15))
                .launchTemplate(new LaunchTemplateSpec("lt-0fed", "hpc-node-hibernate", "ami-1", TYPE, true, Map.of()))
                .pendingToRunning(Duration.ofSeconds(20)).stoppingToStopped(Duration.ofSeconds(40))
                .shuttingDownToTerminated(Duration.ofSeconds(10)).idSeed(11).build());
        emu.addEventSink(pending::add);
        LocalTable.ensureTmpDir();
        ddb = DynamoDBEmbedded.create(true);
        LocalTable.create(ddb.dynamoDbClient(), "spotburst");
        store = new DynamoStateStore(ddb.dynamoDbClient(), "spotburst");
        client = Ec2Client.builder().endpointOverride(emu.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        var retry = new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound);
        ec2 = new Ec2Gateway(client, retry);
        var resume = new ResumeService(store, ec2, ec2, slurm);
        var hibernation = new HibernationService(store, ec2, slurm);
        reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume, hibernation));
        batch = new PowerSaveBatch(store, resume, new SuspendService(store, ec2), slurm);
        events = new Ec2EventService(store, slurm, reconciler, hibernation, ec2);
        // As ControlPlane wires it: step mode, never sleeps.
        rescue = new RescueService(store, new RescueWorkflow(store, new Ec2RescueAdapter(client, retry),
                new RescueRecords(store, slurm, "demo"), RescuePolling.stepwise(RescuePolling.STEP_BUDGET)),
                RescueService.DEFAULT_MAX_PER_RUN);
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
        ddb.shutdown();
    }

    Instant now() {
        return emu.options().clock().now();
    }

    /** Runs due emulator transitions and delivers every collected EC2 event to the event handler, as EventBridge. */
    void pump() {
        emu.control().tick();
        var handler = new Ec2EventHandler(events, config, Clock.fixed(now(), ZoneOffset.UTC));
        var serializer = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader());
        String json;
        while ((json = pending.poll()) != null) {
            handler.handleRequest(serializer.fromJson(json), null);
        }
    }

    /** One scheduled reconcile invocation (EventBridge ScheduledEvent, given as the plain map the handler takes). */
    Map<String, Object> tick() {
        return new ReconcileHandler(reconciler, rescue, config, Clock.fixed(now(), ZoneOffset.UTC))
                .handleRequest(Map.of("detail-type", "Scheduled Event", "source", "aws.events"), null);
    }

    long mutatingCalls() {
        return emu.control().callCounts().entrySet().stream().filter(e -> MUTATING.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Resumed through the power-save path, slurmd registered, allocated to a job; then the pool is reclaimed. */
    InstanceView hibernatedNode(Set<String> slurmFlags, String slurmReason) {
        var id = UUID.randomUUID().toString();
        var body = MessageCodec.write(PowerSaveRequest.of(id, PowerSaveRequest.Kind.RESUME, NODE.toString(), now(),
                "demo", List.of()));
        assertThat(batch.process(config, List.of(new QueuedMessage("m-" + id, body)), now())).isEmpty();
        emu.control().advance(Duration.ofSeconds(30));
        pump();
        var launched = store.node(NODE);
        assertThat(store.transition(launched, launched.ready(now()))).isTrue();
        var ready = store.node(NODE);
        store.saveSlurmSnapshot(new SlurmSnapshot(1, now(), "demo", List.of(new SlurmSnapshot.Node(NODE.toString(),
                "ALLOCATED", slurmFlags, slurmReason, ready.privateIp(), List.of(1000L)))));

        emu.control().interruptPool(TYPE, AZ);
        pump();
        emu.control().advance(Duration.ofMinutes(1));
        pump();
        assertThat(store.node(NODE).state()).isEqualTo(NodeState.HIBERNATED);
        var spot = emu.control().instance(ready.instanceId());
        assertThat(spot.state()).isEqualTo("stopped");
        assertThat(spot.hibernated()).isTrue();
        return spot;
    }

    /** Scheduled ticks every minute (events pumped in between) until the node is READY again; returns the ticks. */
    List<Map<String, Object>> ticksUntilReady() {
        var results = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 20 && store.node(NODE).state() != NodeState.READY; i++) {
            results.add(tick());
            pump();
            emu.control().advance(Duration.ofMinutes(1));
            pump();
        }
        return results;
    }

    @Test
    void theScheduledReconcileMovesALongHibernatedNodeToOnDemandStepByStepAndThenLeavesItAlone() {
        var spot = hibernatedNode(Set.of("CLOUD"), null);
        var hibernatedSince = store.node(NODE).stateSince();

        // Before the limit: the reconcile neither rescues nor touches EC2.
        emu.control().advance(Duration.ofMinutes(28));
        pump();
        long before = mutatingCalls();
        assertThat(tick()).containsEntry("rescues", Map.of());
        assertThat(mutatingCalls()).isEqualTo(before);
        assertThat(store.node(NODE).state()).isEqualTo(NodeState.HIBERNATED);

        emu.control().advance(Duration.ofMinutes(3));
        pump();
        assertThat(Duration.between(hibernatedSince, now())).isGreaterThan(Duration.ofMinutes(30));
        var ticks = ticksUntilReady();
        // Step mode: the first ticks only start transitions and return; several ticks finish the rescue.
        assertThat(ticks.size()).isGreaterThan(2);
        assertThat(ticks.get(0)).containsEntry("rescues", Map.of("inProgress", 1));
        assertThat(ticks.get(ticks.size() - 1)).containsEntry("rescues", Map.of("rescued", 1));
        System.out.println("rescue by reconcile: " + ticks.size() + " ticks, EC2 calls " + emu.control().callCounts());

        var rec = store.node(NODE);
        var od = emu.control().instance(rec.instanceId());
        assertThat(rec.state()).isEqualTo(NodeState.READY);
        assertThat(rec.market()).isEqualTo(Market.ON_DEMAND);
        assertThat(rec.spotRequestId()).isNull();
        assertThat(rec.privateIp()).isEqualTo(od.privateIpAddress()).isNotEqualTo(spot.privateIpAddress());
        assertThat(od.state()).isEqualTo("running");
        assertThat(od.market()).isEqualTo("on-demand");
        assertThat(od.instanceType()).isEqualTo(TYPE);
        assertThat(od.resumedFromHibernation()).as("started from the Spot instance's hibernation image").isTrue();
        assertThat(od.memory()).as("the job's memory").isEqualTo(spot.memory());
        assertThat(client.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(spot.spotInstanceRequestId()))
                .spotInstanceRequests().get(0).state()).isEqualTo(SpotInstanceState.CANCELLED);
        assertThat(emu.control().instance(spot.instanceId()).state()).isEqualTo("terminated");

        // Slurm: drained when it slept, then the new address and the undrain; never anything that kills the job.
        assertThat(slurm.commands).extracting(c -> c.command()).containsExactly(
                new SlurmCommand.NodeDrain(NODE.toString(), "spotburst: hibernated (" + spot.instanceId() + ")"),
                new SlurmCommand.NodeAddress(NODE.toString(), od.privateIpAddress(), null),
                new SlurmCommand.NodeResume(NODE.toString()));

        // A later pass does nothing: no action, no rescue, no EC2 change, no command, no record write.
        emu.control().advance(Duration.ofMinutes(1));
        pump();
        long calls = mutatingCalls();
        int commands = slurm.commands.size();
        var version = store.node(NODE).version();
        var again = tick();
        pump();
        assertThat(again).containsEntry("actions", 0).containsEntry("rescues", Map.of());
        assertThat(mutatingCalls()).isEqualTo(calls);
        assertThat(slurm.commands).hasSize(commands);
        assertThat(store.node(NODE).version()).isEqualTo(version);

        // No orphan: the twin is the only live instance, its root is the moved one (deleted with it), and Spot
        // capacity coming back resurrects nothing.
        emu.control().restoreCapacity(TYPE, AZ, "spot", 5);
        emu.control().advance(Duration.ofMinutes(2));
        pump();
        assertThat(tick()).containsEntry("actions", 0);
        assertThat(emu.control().instances()).filteredOn(i -> !i.state().equals("terminated"))
                .extracting(InstanceView::instanceId).containsExactly(od.instanceId());
        assertThat(emu.control().volumes()).singleElement().satisfies(v -> {
            assertThat(v.volumeId()).isEqualTo(spot.rootVolumeId());
            assertThat(v.instanceId()).isEqualTo(od.instanceId());
            assertThat(v.deleteOnTermination()).isTrue();
        });
        assertThat(store.node(NODE).state()).isEqualTo(NodeState.READY);
    }

    @Test
    void anOperatorsDrainIsNotLiftedAfterTheRescue() {
        var spot = hibernatedNode(Set.of("CLOUD", "DRAIN"), "maintenance window");
        emu.control().advance(Duration.ofMinutes(31));
        pump();
        ticksUntilReady();
        var rec = store.node(NODE);
        assertThat(rec.state()).isEqualTo(NodeState.READY);
        assertThat(rec.instanceId()).isNotEqualTo(spot.instanceId());
        assertThat(slurm.commands).extracting(c -> c.command()).containsExactly(
                new SlurmCommand.NodeAddress(NODE.toString(), rec.privateIp(), null));
    }

    @Test
    void aTickFindingTheRescueLeaseTakenTouchesNothing() {
        hibernatedNode(Set.of("CLOUD"), null);
        emu.control().advance(Duration.ofMinutes(31));
        pump();
        // The hibernation workflow's rescueStep is running for this node right now.
        assertThat(store.acquireLease(RescueWorkflow.leaseName(NODE), "workflow-invocation", now(),
                now().plus(Duration.ofMinutes(5)))).isTrue();
        long before = mutatingCalls();
        assertThat(tick()).containsEntry("rescues", Map.of("inProgress", 1));
        assertThat(mutatingCalls()).isEqualTo(before);
        assertThat(emu.control().instances()).filteredOn(i -> "on-demand".equals(i.market())).isEmpty();

        // Released (or expired): the next tick proceeds.
        store.releaseLease(RescueWorkflow.leaseName(NODE), "workflow-invocation");
        assertThat(tick()).containsEntry("rescues", Map.of("inProgress", 1));
        assertThat(emu.control().instances()).filteredOn(i -> "on-demand".equals(i.market())).hasSize(1);
        assertThat(ticksUntilReady()).isNotEmpty();
        assertThat(store.node(NODE).market()).isEqualTo(Market.ON_DEMAND);
    }

    @Test
    void theLeaseIsExclusiveUntilReleasedOrExpired() {
        var t = T0;
        var lease = RescueWorkflow.leaseName(NODE);
        assertThat(store.acquireLease(lease, "a", t, t.plusSeconds(300))).isTrue();
        assertThat(store.acquireLease(lease, "b", t.plusSeconds(10), t.plusSeconds(310))).isFalse();
        assertThat(store.acquireLease(lease, "a", t.plusSeconds(20), t.plusSeconds(320))).as("the holder may extend").isTrue();
        store.releaseLease(lease, "b"); // not b's: no effect
        assertThat(store.acquireLease(lease, "b", t.plusSeconds(30), t.plusSeconds(330))).isFalse();
        assertThat(store.acquireLease(lease, "b", t.plusSeconds(320), t.plusSeconds(620))).as("expired").isTrue();
        store.releaseLease(lease, "a"); // a's expired lease was taken over: a cannot release b's
        assertThat(store.acquireLease(lease, "c", t.plusSeconds(330), t.plusSeconds(630))).isFalse();
        store.releaseLease(lease, "b");
        assertThat(store.acquireLease(lease, "c", t.plusSeconds(340), t.plusSeconds(640))).isTrue();
    }
}
