package dev.spotburst.functions.requests;

import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.LaunchPlan;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PowerSaveBatchTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    final PowerSaveBatch batch = new PowerSaveBatch(store, new ResumeService(store, ec2, ec2, slurm),
            new SuspendService(store, ec2), slurm);

    static QueuedMessage msg(String id, PowerSaveRequest.Kind kind, String hostlist, Instant at) {
        return new QueuedMessage("m-" + id, MessageCodec.write(PowerSaveRequest.of(id, kind, hostlist, at, TestConfig.CLUSTER, List.of())));
    }

    List<String> run(Instant now, QueuedMessage... m) {
        return batch.process(TestConfig.cluster(), List.of(m), now);
    }

    NodeState state(String node) {
        return store.node(NodeName.parse(node)).state();
    }

    @Test
    void resumeCoalescesOneFleetPerGroupAcrossMessagesAndBindsEveryNode() {
        var failed = run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-[0-1]", T0),
                msg("r2", PowerSaveRequest.Kind.RESUME, "batch-od-2,batch-spot-[0-2]", T0));
        assertThat(failed).isEmpty();
        assertThat(ec2.launches).hasSize(2).allMatch(p -> p instanceof LaunchPlan.Fleet);
        var od = (LaunchPlan.Fleet) ec2.launches.getFirst();
        assertThat(od.count()).isEqualTo(3);
        assertThat(List.of("batch-od-0", "batch-od-1", "batch-od-2", "batch-spot-0", "batch-spot-2"))
                .allMatch(n -> state(n) == NodeState.LAUNCHED);
        var rec = store.node(NodeName.parse("batch-od-0"));
        assertThat(rec.instanceId()).isNotNull();
        assertThat(rec.privateIp()).startsWith("10.0.0.");
        // Fleet instances get their per-node tags right after binding; {ip_address} is filled.
        var spotRec = store.node(NodeName.parse("batch-spot-1"));
        assertThat(ec2.tags.get(spotRec.instanceId())).contains(new LaunchTag("Name", "batch-spot-1"),
                new LaunchTag("spotburst:node", "batch-spot-1"), new LaunchTag("Owner", "batch-spot-1"),
                new LaunchTag("Ip", spotRec.privateIp()));
        assertThat(store.launches).hasSize(6);
        assertThat(store.requests).containsKeys("r1", "r2");
    }

    @Test
    void spotShortageFallsBackToOnDemandThenFailsWithTheEc2CodeInTheReason() {
        ec2.noSpot.add("*");
        ec2.noOnDemand.add("*");
        var failed = run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-spot-[0-1]", T0));
        assertThat(failed).isEmpty();
        assertThat(ec2.launches).extracting(p -> ((LaunchPlan.Fleet) p).market()).containsExactly(Market.SPOT, Market.ON_DEMAND);
        assertThat(state("batch-spot-0")).isEqualTo(NodeState.FAILED);
        assertThat(slurm.commands).hasSize(2).first().satisfies(c -> {
            var down = (SlurmCommand.NodeDown) c.command();
            assertThat(down.nodes()).isEqualTo("batch-spot-[0-1]");
            assertThat(down.reason()).startsWith("spotburst: InsufficientInstanceCapacity (m6i.2xlarge in eu-west-1a,eu-west-1b; m5.2xlarge in eu-west-1a,eu-west-1b)");
        });
        // The group's pools are dry: its other powered-down nodes go DOWN for the capacity cooldown.
        assertThat(slurm.commands.get(1).command()).isEqualTo(new SlurmCommand.NodeDown("batch-spot-[2-7]",
                "spotburst: capacity cooldown until 2026-11-22T10:10:00Z (InsufficientInstanceCapacity)"));
    }

    @Test
    void onlySpotShortageIsFilledByOnDemand() {
        ec2.noSpot.add("*");
        run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-spot-[0-1]", T0));
        assertThat(store.node(NodeName.parse("batch-spot-1")).market()).isEqualTo(Market.ON_DEMAND);
        assertThat(slurm.commands).isEmpty();
    }

    @Test
    void hibernatingGroupGetsOnePersistentSpotRequestPerNodeFallingThroughDryPools() {
        ec2.noSpot.add("m6i.2xlarge@subnet-a");
        run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-hib-[0-1]", T0));
        var plans = ec2.launches.stream().map(p -> (LaunchPlan.Instance) p).toList();
        // node 0 tries the dry pool, then the next; node 1 skips the pool already known dry in this batch.
        assertThat(plans).extracting(p -> p.node().toString() + "/" + p.pool())
                .containsExactly("batch-hib-0/m6i.2xlarge@subnet-a", "batch-hib-0/m6i.2xlarge@subnet-b",
                        "batch-hib-1/m6i.2xlarge@subnet-b");
        var rec = store.node(NodeName.parse("batch-hib-1"));
        assertThat(rec.state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(rec.spotRequestId()).startsWith("sir-");
    }

    @Test
    void suspendCancelsThePersistentRequestBeforeTerminatingAndPowersDown() {
        run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-hib-0", T0));
        var rec = store.node(NodeName.parse("batch-hib-0"));
        var failed = run(T0.plusSeconds(600), msg("s1", PowerSaveRequest.Kind.SUSPEND, "batch-hib-0", T0.plusSeconds(590)));
        assertThat(failed).isEmpty();
        assertThat(ec2.cancelled).containsExactly(rec.spotRequestId());
        assertThat(ec2.terminated).containsExactly(rec.instanceId());
        assertThat(state("batch-hib-0")).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(store.launches.get(rec.instanceId()).endedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void lateResumeAfterSuspendAndDuplicatesDoNothing() {
        run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0));
        run(T0.plusSeconds(60), msg("s1", PowerSaveRequest.Kind.SUSPEND, "batch-od-0", T0.plusSeconds(50)));
        int launches = ec2.launches.size();
        // re-delivered resume (same id) and a resume issued before the suspend (reordered): both harmless.
        run(T0.plusSeconds(70), msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0));
        run(T0.plusSeconds(80), msg("r0", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0.plusSeconds(40)));
        assertThat(ec2.launches).hasSize(launches);
        assertThat(state("batch-od-0")).isEqualTo(NodeState.POWERED_DOWN);
    }

    @Test
    void newestRequestPerNodeWinsInsideABatch() {
        run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0),
                msg("s1", PowerSaveRequest.Kind.SUSPEND, "batch-od-0", T0.plusSeconds(5)));
        assertThat(ec2.launches).isEmpty();
        assertThat(state("batch-od-0")).isEqualTo(NodeState.POWERED_DOWN);
    }

    @Test
    void poisonMessagesGoToTheDlqWithTheReasonAndDoNotFailTheBatch() {
        var failed = run(T0,
                new QueuedMessage("m-bad", "{not json"),
                msg("u1", PowerSaveRequest.Kind.RESUME, "gpu-big-0", T0),
                msg("u2", PowerSaveRequest.Kind.RESUME, "batch-od-9", T0),
                msg("u3", PowerSaveRequest.Kind.RESUME, "head", T0),
                new QueuedMessage("m-schema", "{\"schemaVersion\":2,\"id\":\"x\"}"),
                msg("ok", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0));
        assertThat(failed).isEmpty();
        assertThat(slurm.parked).containsOnlyKeys("m-bad", "m-u1", "m-u2", "m-u3", "m-schema");
        assertThat(slurm.parked.get("m-u1")).contains("unknown partition 'gpu'");
        assertThat(slurm.parked.get("m-u2")).contains("beyond MaxNodes=4");
        assertThat(slurm.parked.get("m-u3")).contains("unknown node name 'head'");
        assertThat(slurm.parked.get("m-schema")).contains("schemaVersion");
        assertThat(state("batch-od-0")).isEqualTo(NodeState.LAUNCHED);
    }

    @Test
    void throttlingIsRetriedNotFailedAndLaterFifoMessagesAreReturnedToo() {
        ec2.throttleLaunches = true;
        var failed = run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0),
                msg("s1", PowerSaveRequest.Kind.SUSPEND, "batch-spot-0", T0));
        assertThat(failed).containsExactly("m-r1", "m-s1");
        assertThat(state("batch-od-0")).isEqualTo(NodeState.RESUMING);
        assertThat(slurm.commands).isEmpty();
        // the retry relaunches the RESUMING node with the same client token
        ec2.throttleLaunches = false;
        var token = ec2.launches.getFirst().clientToken();
        assertThat(run(T0.plusSeconds(30), msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0))).isEmpty();
        assertThat(ec2.launches.getLast().clientToken()).isEqualTo(token);
        assertThat(state("batch-od-0")).isEqualTo(NodeState.LAUNCHED);
    }

    @Test
    void protectedGroupDoesNotLaunch() {
        var g = store.group(dev.spotburst.model.NodeGroupId.parse("batch-od"));
        store.updateGroup(g, g.bootFailed(1, T0));
        run(T0, msg("r1", PowerSaveRequest.Kind.RESUME, "batch-od-0", T0));
        assertThat(ec2.launches).isEmpty();
        assertThat(state("batch-od-0")).isEqualTo(NodeState.FAILED);
        assertThat(((SlurmCommand.NodeDown) slurm.commands.getFirst().command()).reason()).contains("protected");
    }
}
