package dev.spotburst.functions.rescue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
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
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.rescue.aws.Ec2RescueAdapter;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceState;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rescue end to end through the real SDK: EC2 emulator (with non-zero lifecycle delays, so the workflow really
 * polls on a virtual clock) + DynamoDB Local.
 */
class RescueIT {
    static final NodeName NODE = NodeName.parse("batch-hib-0");
    static final String TYPE = "m6i.2xlarge";
    static final String AZ = "eu-west-1a";

    Ec2Emulator emu;
    AmazonDynamoDBLocal ddb;
    StateStore store;
    Ec2Client client;
    RecordingSlurm slurm = new RecordingSlurm();
    RescueEc2 ec2;
    Instant t0;

    static NodeGroupConfig hib() {
        return new NodeGroupConfig("batch", "hib", 4, "eu-west-1", null, Market.SPOT,
                Map.of(), Map.of("InstanceInterruptionBehavior", "hibernate"),
                new LaunchTemplateRef(null, "hpc-node-hibernate", "$Latest"),
                List.of(new InstanceOverride(TYPE, Map.of())), List.of("subnet-a"), List.of(), Map.of(),
                new NodeGroupExtensions(0, null, false, 240, 30, NodeGroupExtensions.RebalanceAction.DRAIN));
    }

    static ClusterConfig cluster() {
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(hib()), Map.of())),
                new PluginConfig("INFO", "/var/log/x", "/usr/bin", null, Map.of(), new ClusterExtensions("demo", 300, 3, 60)));
    }

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().region("eu-west-1")
                .availabilityZones(List.of("eu-west-1a", "eu-west-1b"))
                .subnet(SubnetSpec.of("subnet-a", AZ, "10.0.1.0/24"))
                .instanceType(new InstanceTypeSpec(TYPE, 8, 32768, true, "x86_64", 0.384, 0.15))
                .launchTemplate(new LaunchTemplateSpec("lt-0fed", "hpc-node-hibernate", "ami-1", TYPE, true, Map.of()))
                .pendingToRunning(Duration.ofSeconds(20)).stoppingToStopped(Duration.ofSeconds(40))
                .shuttingDownToTerminated(Duration.ofSeconds(10))
                .idSeed(7).build());
        LocalTable.ensureTmpDir();
        ddb = DynamoDBEmbedded.create(true);
        LocalTable.create(ddb.dynamoDbClient(), "spotburst");
        store = new DynamoStateStore(ddb.dynamoDbClient(), "spotburst");
        client = Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.EU_WEST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        var retry = new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 8,
                ms -> emu.control().advance(Duration.ofMillis(ms)), bound -> bound);
        ec2 = new Ec2RescueAdapter(client, retry);
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
        ddb.shutdown();
    }

    RescueService service(RescueEc2 port) {
        var polling = new RescuePolling(Duration.ofSeconds(5), 60, ms -> emu.control().advance(Duration.ofMillis(ms)));
        return new RescueService(store, new RescueWorkflow(store, port, new RescueRecords(store, slurm, "demo"), polling), 5);
    }

    Instant now() {
        return t0.plus(elapsed);
    }

    Duration elapsed = Duration.ZERO;

    void advance(Duration d) {
        elapsed = elapsed.plus(d);
        emu.control().advance(d);
    }

    /** A Spot node that EC2 hibernated: persistent request waiting for capacity, record HIBERNATED since t0. */
    InstanceView hibernatedNode() {
        var run = client.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("hpc-node-hibernate"))
                .instanceType(TYPE).subnetId("subnet-a").minCount(1).maxCount(1)
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(SpotInstanceType.PERSISTENT)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.HIBERNATE)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                        Tag.builder().key("Name").value(NODE.toString()).build(),
                        Tag.builder().key("spotburst:node").value(NODE.toString()).build(),
                        Tag.builder().key("spotburst:cluster").value("demo").build()).build()))
                .instances().get(0);
        t0 = Instant.parse("2026-11-22T10:00:00Z");
        advance(Duration.ofSeconds(30));
        var b = new InstanceBinding(run.instanceId(), run.spotInstanceRequestId(), Market.SPOT, TYPE, AZ, run.privateIpAddress());
        var launched = NodeRecord.initial(NODE).launched(b, t0);
        assertThat(store.transition(NodeRecord.initial(NODE), launched)).isTrue();
        var ready = launched.ready(t0);
        assertThat(store.transition(launched, ready)).isTrue();
        store.recordLaunch(new LaunchRecord(run.instanceId(), NODE, Market.SPOT, TYPE, AZ, t0, null));

        emu.control().setCapacity(TYPE, AZ, "spot", 0);
        emu.control().interrupt(run.instanceId());
        advance(Duration.ofMinutes(1));
        var spot = emu.control().instance(run.instanceId());
        assertThat(spot.state()).isEqualTo("stopped");
        assertThat(spot.hibernated()).isTrue();
        var hibernated = new NodeRecord(NODE, NodeState.HIBERNATED, ready.version() + 1, ready.instanceId(),
                ready.spotRequestId(), Market.SPOT, TYPE, AZ, ready.privateIp(), null, now(), null);
        assertThat(store.transition(ready, hibernated)).isTrue();
        return spot;
    }

    @Test
    void aNodeHibernatedPastTheLimitResumesItsMemoryOnOnDemandAndNothingIsLeftBehind() {
        var spot = hibernatedNode();
        assertThat(service(ec2).rescueDue(cluster(), now().plus(Duration.ofMinutes(29)))).isEmpty();

        advance(Duration.ofMinutes(31));
        var outcomes = service(ec2).rescueDue(cluster(), now());
        assertThat(outcomes).singleElement().isInstanceOf(RescueOutcome.Rescued.class);
        var rescued = (RescueOutcome.Rescued) outcomes.get(0);
        assertRescued(spot, rescued);
        System.out.println("rescue EC2 calls: " + emu.control().callCounts());
    }

    @Test
    void aRescueInterruptedHalfwayIsFinishedByTheRetry() {
        var spot = hibernatedNode();
        advance(Duration.ofMinutes(31));
        var crashing = new CrashOnceEc2(ec2);
        try {
            service(crashing).rescueDue(cluster(), now());
        } catch (IllegalStateException expected) {
            // the Lambda died between detaching and attaching the root volume
        }
        assertThat(emu.control().volumes()).filteredOn(v -> v.instanceId() == null).isNotEmpty();
        var outcomes = service(ec2).rescueDue(cluster(), now());
        assertThat(outcomes).singleElement().isInstanceOf(RescueOutcome.Rescued.class);
        assertRescued(spot, (RescueOutcome.Rescued) outcomes.get(0));
    }

    private void assertRescued(InstanceView spot, RescueOutcome.Rescued rescued) {
        var od = emu.control().instance(rescued.instanceId());
        assertThat(od.state()).isEqualTo("running");
        assertThat(od.market()).isEqualTo("on-demand");
        assertThat(od.instanceType()).isEqualTo(TYPE);
        assertThat(od.availabilityZone()).isEqualTo(AZ);
        assertThat(od.resumedFromHibernation()).as("started from the Spot instance's hibernation image").isTrue();
        assertThat(od.memory()).as("the job's memory").isEqualTo(spot.memory());
        assertThat(od.rootVolumeId()).isEqualTo(spot.rootVolumeId());
        assertThat(od.tags()).containsEntry("spotburst:rescued-from", spot.instanceId())
                .containsEntry("spotburst:node", NODE.toString()).containsEntry("Name", NODE.toString());

        assertThat(client.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(spot.spotInstanceRequestId()))
                .spotInstanceRequests().get(0).state()).isEqualTo(SpotInstanceState.CANCELLED);
        advance(Duration.ofMinutes(1));
        assertThat(emu.control().instance(spot.instanceId()).state()).isEqualTo("terminated");

        var rec = store.node(NODE);
        assertThat(rec.state()).isEqualTo(NodeState.READY);
        assertThat(rec.instanceId()).isEqualTo(od.instanceId());
        assertThat(rec.market()).isEqualTo(Market.ON_DEMAND);
        assertThat(rec.spotRequestId()).isNull();
        assertThat(rec.privateIp()).isEqualTo(od.privateIpAddress());
        assertThat(rescued.addressChanged()).isTrue();
        assertThat(slurm.commands).extracting(c -> c.command()).containsExactly(
                new SlurmCommand.NodeAddress(NODE.toString(), od.privateIpAddress(), null));

        // No orphan: one live instance, one volume (the moved root, deleted with its new instance), and Spot
        // capacity coming back does not resurrect the old instance.
        emu.control().restoreCapacity(TYPE, AZ, "spot", 5);
        advance(Duration.ofMinutes(1));
        assertThat(emu.control().instances()).filteredOn(i -> !i.state().equals("terminated"))
                .extracting(InstanceView::instanceId).containsExactly(od.instanceId());
        assertThat(emu.control().volumes()).singleElement().satisfies(v -> {
            assertThat(v.volumeId()).isEqualTo(spot.rootVolumeId());
            assertThat(v.instanceId()).isEqualTo(od.instanceId());
            assertThat(v.deleteOnTermination()).isTrue();
        });
    }

    @Test
    void noOnDemandCapacityFailsTheNodeWithTheCodeAndLeavesNothingRunning() {
        var spot = hibernatedNode();
        emu.control().setCapacity(TYPE, AZ, "on-demand", 0);
        advance(Duration.ofMinutes(31));
        var outcomes = service(ec2).rescueDue(cluster(), now());
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(RescueOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo("InsufficientInstanceCapacity"));
        var rec = store.node(NODE);
        assertThat(rec.state()).isEqualTo(NodeState.FAILED);
        assertThat(rec.reason()).isEqualTo("spotburst: rescue failed: InsufficientInstanceCapacity");
        assertThat(slurm.commands).extracting(c -> c.command()).containsExactly(
                new SlurmCommand.NodeDown(NODE.toString(), "spotburst: rescue failed: InsufficientInstanceCapacity"));
        assertThat(client.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(spot.spotInstanceRequestId()))
                .spotInstanceRequests().get(0).state()).isEqualTo(SpotInstanceState.CANCELLED);
        emu.control().restoreCapacity(TYPE, AZ, "spot", 5);
        advance(Duration.ofMinutes(1));
        assertThat(emu.control().instances()).allMatch(i -> i.state().equals("terminated"));
        assertThat(emu.control().volumes()).isEmpty();
    }

    /** A Lambda that dies after the volumes were detached, before the Spot root is attached to the twin. */
    static final class CrashOnceEc2 implements RescueEc2 {
        private final RescueEc2 d;
        private boolean crashed;

        CrashOnceEc2(RescueEc2 d) {
            this.d = d;
        }

        @Override public java.util.Optional<RescueInstance> instance(String id) { return d.instance(id); }
        @Override public List<RescueInstance> rescuersOf(String id) { return d.rescuersOf(id); }
        @Override public String launch(RescueLaunch l) { return d.launch(l); }
        @Override public void stop(String id, boolean h) { d.stop(id, h); }
        @Override public void start(String id) { d.start(id); }
        @Override public void terminate(String id) { d.terminate(id); }
        @Override public void cancelSpotRequest(String id) { d.cancelSpotRequest(id); }
        @Override public java.util.Optional<String> volumeState(String id) { return d.volumeState(id); }
        @Override public void detachVolume(String id) { d.detachVolume(id); }
        @Override public void deleteOnTermination(String i, String dev) { d.deleteOnTermination(i, dev); }
        @Override public void deleteVolume(String id) { d.deleteVolume(id); }
        @Override public void tag(String id, Map<String, String> t) { d.tag(id, t); }

        @Override
        public void attachVolume(String v, String i, String dev) {
            if (!crashed) {
                crashed = true;
                throw new IllegalStateException("Lambda timed out");
            }
            d.attachVolume(v, i, dev);
        }
    }
}
