package dev.spotburst.functions.it;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.EmulatorClock;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.handlers.Ec2EventHandler;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The control plane's event path wired to the EC2 emulator (real Query protocol) and DynamoDB Local: EC2 events are
 * collected from the emulator's sink and delivered to {@link Ec2EventHandler} as EventBridge would (parsed as a
 * ScheduledEvent), when the test pumps them. Slurm is a recording of the commands sent to it.
 */
final class InterruptionWorld implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final Ec2Emulator emu;
    final AmazonDynamoDBLocal ddb;
    final StateStore store;
    final Ec2Client client;
    final Ec2Gateway ec2;
    final RecordingSlurm slurm = new RecordingSlurm();
    final ClusterConfig config;
    final PowerSaveBatch batch;
    final Reconciler reconciler;
    final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    final List<String> delivered = new ArrayList<>();
    private final Ec2EventService events;

    InterruptionWorld(ClusterConfig config) {
        this.config = config;
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1")
                .clock(EmulatorClock.manual(T0))
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
                .subnet(SubnetSpec.of("subnet-a", "eu-west-1a", "10.0.0.0/20"))
                .subnet(SubnetSpec.of("subnet-b", "eu-west-1b", "10.0.16.0/20"))
                .instanceType(new InstanceTypeSpec("m6i.2xlarge", 8, 32768, true, "x86_64", 0.384, 0.15))
                .launchTemplate(LaunchTemplateSpec.of("lt-0abc", "hpc-spot", "ami-1", "m5.large"))
                .launchTemplate(LaunchTemplateSpec.of("lt-0def", "hpc-node", "ami-1", "m5.large"))
                .launchTemplate(LaunchTemplateSpec.of("lt-0fed", "hpc-node-hibernate", "ami-1", "m5.large"))
                .idSeed(7).build());
        emu.addEventSink(pending::add);
        LocalTable.ensureTmpDir();
        ddb = DynamoDBEmbedded.create(true);
        LocalTable.create(ddb.dynamoDbClient(), "spotburst");
        store = new DynamoStateStore(ddb.dynamoDbClient(), "spotburst");
        client = Ec2Client.builder().endpointOverride(emu.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        ec2 = new Ec2Gateway(client, new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound));
        var resume = new ResumeService(store, ec2, ec2, slurm);
        var hibernation = new HibernationService(store, ec2, slurm);
        reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume, hibernation));
        batch = new PowerSaveBatch(store, resume, new SuspendService(store, ec2), slurm);
        events = new Ec2EventService(store, slurm, reconciler, hibernation, ec2);
    }

    Instant now() {
        return emu.options().clock().now();
    }

    /** Runs due emulator transitions, then delivers every collected event once (or {@code copies} times each). */
    int pump(int copies) {
        emu.control().tick();
        var handler = new Ec2EventHandler(events, config, Clock.fixed(now(), ZoneOffset.UTC));
        var serializer = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader());
        int n = 0;
        String json;
        while ((json = pending.poll()) != null) {
            delivered.add(json);
            for (int i = 0; i < copies; i++) {
                handler.handleRequest(serializer.fromJson(json), null);
                n++;
            }
        }
        return n;
    }

    int pump() {
        return pump(1);
    }

    /** Delivers already-delivered events again, newest first (EventBridge: at-least-once, unordered). */
    void redeliverAllReversed() {
        var handler = new Ec2EventHandler(events, config, Clock.fixed(now(), ZoneOffset.UTC));
        var serializer = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader());
        for (int i = delivered.size() - 1; i >= 0; i--) {
            handler.handleRequest(serializer.fromJson(delivered.get(i)), null);
        }
    }

    void advance(Duration d) {
        emu.control().advance(d);
    }

    List<String> send(PowerSaveRequest.Kind kind, String hostlist) {
        var id = UUID.randomUUID().toString();
        var body = MessageCodec.write(PowerSaveRequest.of(id, kind, hostlist, now(), config.clusterName(), List.of()));
        return batch.process(config, List.of(new QueuedMessage("m-" + id, body)), now());
    }

    /** slurmd registered: what the reconciler does on a fresh snapshot, done directly. */
    void registered(String hostlist) {
        for (var name : dev.spotburst.hostlist.Hostlist.expand(hostlist)) {
            var rec = store.node(NodeName.parse(name));
            if (rec.state() == NodeState.LAUNCHED) {
                store.transition(rec, rec.ready(now()));
            }
        }
    }

    /** Slurm's view: every READY node allocated to one job (id = 1000 + index). */
    void snapshotWithJobs(List<NodeRecord> nodes) {
        var list = nodes.stream().map(r -> new SlurmSnapshot.Node(r.node().toString(), "ALLOCATED", java.util.Set.of("CLOUD"),
                null, r.privateIp(), List.of(1000L + r.node().index()))).toList();
        store.saveSlurmSnapshot(new SlurmSnapshot(1, now(), config.clusterName(), list));
    }

    /** Slurm runs SuspendProgram for nodes it was told to POWER_DOWN_FORCE (as it does after SuspendTimeout). */
    List<String> slurmSuspendsForcedNodes() {
        var nodes = slurm.commands.stream().map(c -> c.command())
                .filter(c -> c instanceof SlurmCommand.NodePowerDown p && p.mode() == SlurmCommand.PowerDownMode.POWER_DOWN_FORCE)
                .map(c -> ((SlurmCommand.NodePowerDown) c).nodes()).distinct().toList();
        return nodes.isEmpty() ? List.of() : send(PowerSaveRequest.Kind.SUSPEND, String.join(",", nodes));
    }

    List<SlurmCommand> commandsFor(String node) {
        return slurm.commands.stream().map(c -> c.command()).filter(c -> node.equals(target(c))).toList();
    }

    static String target(SlurmCommand c) {
        return switch (c) {
            case SlurmCommand.NodeDown d -> d.nodes();
            case SlurmCommand.NodeDrain d -> d.nodes();
            case SlurmCommand.NodeResume r -> r.nodes();
            case SlurmCommand.NodePowerDown p -> p.nodes();
            case SlurmCommand.NodeClearReason r -> r.nodes();
            case SlurmCommand.NodeAddress a -> a.node();
            default -> null;
        };
    }

    @Override
    public void close() {
        emu.close();
        ddb.shutdown();
    }
}
