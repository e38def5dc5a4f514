package dev.spotburst.functions.reliability;

import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ClusterExtensions;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.config.PluginConfig;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.EmulatorClock;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.ec2emu.ThrottleSpec;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.reconcile.ReconcileAction;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.resume.ParallelCalls;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The power-save path and the reconciler wired as in Lambda, against the EC2 emulator (real SDK, Query protocol,
 * manual clock) and DynamoDB Local, with crash points on EC2 calls, state writes and command sends. The requests
 * queue is modelled as SQS FIFO does it: a failed batch item (or a failed invocation) stays queued and is delivered
 * again; acknowledged messages may still be delivered again (at-least-once).
 */
final class ReliabilityWorld implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> TYPES = List.of("m6i.2xlarge", "m5.2xlarge");
    static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b");
    static final List<String> MARKETS = List.of("spot", "on-demand");
    static final int FULL_CAPACITY = 1000;
    static final ClusterConfig CONFIG = config();
    /** Shared by every world's client (closing a client leaves a client-supplied HTTP client open). */
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    /** A queued power-save request; {@code issuedAt} is when Slurm sent it. */
    record Message(int seq, PowerSaveRequest.Kind kind, List<String> nodes, Instant issuedAt, QueuedMessage queued) {
    }

    final Faults faults = new Faults();
    final Ec2Emulator emu;
    final StateStore realStore;
    final StateStore store;
    final Ec2Gateway ec2;
    final RecordingCommands slurm = new RecordingCommands(faults);
    final PowerSaveBatch batch;
    final Reconciler reconciler;
    final List<Message> pending = new ArrayList<>();
    final List<Message> acknowledged = new ArrayList<>();
    final List<Message> all = new ArrayList<>();
    int deliveries;
    int failedInvocations;
    private final Ec2Client client;
    private final AmazonDynamoDBLocal ddb;
    private final String table;

    ReliabilityWorld(AmazonDynamoDBLocal ddb, String table) {
        this.ddb = ddb;
        this.table = table;
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1")
                .clock(EmulatorClock.manual(T0))
                .lifecycleDelay(Duration.ofSeconds(20))
                .availabilityZones(ZONES)
                .subnet(SubnetSpec.of("subnet-a", "eu-west-1a", "10.0.0.0/20"))
                .subnet(SubnetSpec.of("subnet-b", "eu-west-1b", "10.0.16.0/20"))
                .instanceType(new InstanceTypeSpec("m6i.2xlarge", 8, 32768, true, "x86_64", 0.384, 0.15))
                .launchTemplate(LaunchTemplateSpec.of("lt-0abc", "hpc-spot", "ami-1", "m5.large"))
                .launchTemplate(LaunchTemplateSpec.of("lt-0def", "hpc-node", "ami-1", "m5.large"))
                .launchTemplate(LaunchTemplateSpec.of("lt-0fed", "hpc-node-hibernate", "ami-1", "m5.large"))
                .defaultCapacityPerPool(FULL_CAPACITY)
                .idSeed(11).build());
        LocalTable.create(ddb.dynamoDbClient(), table);
        realStore = new DynamoStateStore(ddb.dynamoDbClient(), table);
        store = FaultyStore.wrap(realStore, faults);
        // SDK retries off: a lost response reaches the control plane; throttling is retried by ThrottleRetry alone,
        // whose backoff sleeps move the emulator's clock instead of wall time.
        client = Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.EU_WEST_1).httpClient(HTTP)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new FaultyEc2(faults)))
                .build();
        ec2 = new Ec2Gateway(client, new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound));
        // One thread: which call an armed crash hits is then deterministic, so jqwik can shrink.
        var resume = new ResumeService(store, ec2, ec2, slurm, new ParallelCalls(1));
        var hibernation = new HibernationService(store, ec2, slurm);
        reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume, hibernation));
        batch = new PowerSaveBatch(store, resume, new SuspendService(store, ec2), slurm);
    }

    static ClusterConfig config() {
        var s = TestConfig.spot();
        var spot = new NodeGroupConfig(s.partitionName(), s.nodeGroupName(), 5, s.region(), s.profileName(),
                s.purchasingOption(), s.onDemandOptions(), s.spotOptions(), s.launchTemplate(),
                s.launchTemplateOverrides(), s.subnetIds(), s.tags(), s.slurmSpecifications(), s.spotburst());
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(TestConfig.od(), spot, TestConfig.hib()),
                Map.of())), new PluginConfig("INFO", "/var/log/x", "/usr/bin", null, Map.of("ResumeTimeout", "600"),
                new ClusterExtensions(TestConfig.CLUSTER, 300, 5, 60)));
    }

    static List<String> nodeNames() {
        return CONFIG.nodeGroups().flatMap(g -> g.nodes()).map(Object::toString).toList();
    }

    Instant now() {
        return emu.options().clock().now();
    }

    void run(Step step) {
        switch (step) {
            case Step.Request r -> {
                emu.control().advance(Duration.ofSeconds(1)); // Slurm's requests carry distinct, increasing times
                int seq = all.size();
                var id = "req-" + seq;
                var body = MessageCodec.write(PowerSaveRequest.of(id, r.kind(), String.join(",", r.nodes()), now(),
                        CONFIG.clusterName(), List.of()));
                var m = new Message(seq, r.kind(), r.nodes(), now(), new QueuedMessage("m-" + seq, body));
                all.add(m);
                pending.add(m);
            }
            case Step.Deliver d -> {
                if (!pending.isEmpty()) {
                    int n = Math.min(d.count(), pending.size());
                    var slice = d.fromTail() ? List.copyOf(pending.subList(pending.size() - n, pending.size()))
                            : List.copyOf(pending.subList(0, n));
                    pending.removeAll(slice);
                    deliver(slice, d.fromTail());
                }
            }
            case Step.Duplicate d -> {
                if (!acknowledged.isEmpty()) {
                    deliver(List.of(acknowledged.get(d.pick() % acknowledged.size())), false);
                }
            }
            case Step.Capacity c -> {
                for (var type : c.type().equals("*") ? TYPES : List.of(c.type())) {
                    for (var zone : c.zone().equals("*") ? ZONES : List.of(c.zone())) {
                        emu.control().setCapacity(type, zone, c.market(), c.available() ? FULL_CAPACITY : 0);
                    }
                }
            }
            case Step.Throttle t -> emu.control().setThrottle(t.on() ? ThrottleSpec.global(0.05, 2) : ThrottleSpec.disabled());
            case Step.Advance a -> emu.control().advance(Duration.ofSeconds(a.seconds()));
            case Step.Reconcile r -> reconcile();
            case Step.Crash c -> faults.arm(c.fault());
        }
    }

    /** One Lambda invocation over {@code batch}; what is not acknowledged goes back to the queue. */
    void deliver(List<Message> messages, boolean atTail) {
        deliveries++;
        List<String> failed;
        try {
            failed = batch.process(CONFIG, messages.stream().map(Message::queued).toList(), now());
        } catch (RuntimeException e) {
            failedInvocations++;
            failed = messages.stream().map(m -> m.queued().messageId()).toList();
        }
        var retry = new ArrayList<Message>();
        var failedIds = new HashSet<>(failed);
        for (var m : messages) {
            if (failedIds.contains(m.queued().messageId())) {
                retry.add(m);
            } else if (!acknowledged.contains(m)) {
                acknowledged.add(m);
            }
        }
        if (atTail) {
            pending.addAll(retry);
        } else {
            pending.addAll(0, retry);
        }
    }

    /** One scheduled reconcile; a crashed pass is just a failed invocation (the next one starts over). */
    List<ReconcileAction> reconcile() {
        try {
            return reconciler.run(CONFIG, List.of(), now());
        } catch (RuntimeException e) {
            failedInvocations++;
            return null;
        }
    }

    /** Result of quiescing: how many rounds it took, and whether a fixpoint was reached. */
    record Quiescence(int rounds, boolean fixpoint, List<ReconcileAction> lastActions) {
    }

    /**
     * No more faults or throttling; capacity back if asked. Then rounds of: deliver everything queued, reconcile,
     * two minutes pass — until the queue is empty and a reconcile pass finds nothing to do, after at least enough
     * rounds for ResumeTimeout (600 s) and the orphan grace (300 s) to have passed.
     */
    Quiescence quiesce(boolean restoreCapacity, int maxBatch, int minRounds, int maxRounds) {
        faults.disarmAll();
        emu.control().setThrottle(ThrottleSpec.disabled());
        if (restoreCapacity) {
            run(new Step.Capacity("*", "*", "spot", true));
            run(new Step.Capacity("*", "*", "on-demand", true));
        }
        List<ReconcileAction> actions = List.of();
        for (int round = 1; round <= maxRounds; round++) {
            for (int i = 0; i < 100 && !pending.isEmpty(); i++) {
                var slice = List.copyOf(pending.subList(0, Math.min(maxBatch, pending.size())));
                pending.removeAll(slice);
                deliver(slice, false);
            }
            actions = reconcile();
            if (round >= minRounds && pending.isEmpty() && actions != null && actions.isEmpty()) {
                return new Quiescence(round, true, actions);
            }
            emu.control().advance(Duration.ofSeconds(120));
        }
        return new Quiescence(maxRounds, false, actions == null ? List.of() : actions);
    }

    AmazonDynamoDBLocal ddb() {
        return ddb;
    }

    String table() {
        return table;
    }

    @Override
    public void close() {
        try {
            client.close();
            emu.close();
        } finally {
            ddb.dynamoDbClient().deleteTable(b -> b.tableName(table));
        }
    }
}
