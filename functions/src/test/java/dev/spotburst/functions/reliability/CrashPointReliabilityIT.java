package dev.spotburst.functions.reliability;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.messages.PowerSaveRequest.Kind;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.spotburst.functions.reliability.Fault.Phase.AFTER;
import static dev.spotburst.functions.reliability.Fault.Phase.BEFORE;
import static dev.spotburst.functions.reliability.Fault.Target.EC2;
import static dev.spotburst.functions.reliability.Fault.Target.SLURM;
import static dev.spotburst.functions.reliability.Fault.Target.STORE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One example per crash point that {@link ControlPlaneReliabilityIT} injects at random, named after it: the crash
 * is placed where it hurts most, the message is redelivered as SQS would, the world quiesces, and the invariants
 * hold. The ones named after a symptom are minimal reproductions of bugs the properties found (now fixed).
 */
class CrashPointReliabilityIT {
    static AmazonDynamoDBLocal ddb;
    static final AtomicInteger TABLES = new AtomicInteger();
    ReliabilityWorld w;

    @BeforeAll
    static void startDb() {
        LocalTable.ensureTmpDir();
        ddb = DynamoDBEmbedded.create(true);
        Configurator.setLevel("dev.spotburst", Level.OFF);
    }

    @AfterAll
    static void stopDb() {
        Configurator.setLevel("dev.spotburst", Level.INFO);
        ddb.shutdown();
    }

    @BeforeEach
    void world() {
        w = new ReliabilityWorld(ddb, "crash" + TABLES.incrementAndGet());
    }

    @AfterEach
    void close() {
        w.close();
    }

    // ---- EC2: launches whose response is lost are found again by their client token ----

    @Test
    void createFleetResponseLost() {
        run(resume("batch-od-0", "batch-od-1"), crash(EC2, "CreateFleet", AFTER), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).as("the retry's CreateFleet reused the client token").hasSize(2);
    }

    @Test
    void createFleetNeverSent() {
        run(resume("batch-spot-0", "batch-spot-1"), crash(EC2, "CreateFleet", BEFORE), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(2);
    }

    @Test
    void runInstancesResponseLost() {
        run(resume("batch-hib-0"), crash(EC2, "RunInstances", AFTER), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).as("the retry's RunInstances reused the client token").hasSize(1);
    }

    @Test
    void runInstancesNeverSent() {
        run(resume("batch-hib-0", "batch-hib-1"), crash(EC2, "RunInstances", BEFORE), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(2);
    }

    /** Launched, then the describe before binding fails: nothing is bound yet; the retry finds the same fleet. */
    @Test
    void describeInstancesResponseLost() {
        run(resume("batch-od-0"), crash(EC2, "DescribeInstances", AFTER), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(1);
    }

    @Test
    void describeInstancesNeverSent() {
        run(resume("batch-spot-2"), crash(EC2, "DescribeInstances", BEFORE), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(1);
    }

    /**
     * The spot group's user tags have per-instance placeholders ({node_name}, {ip_address}), so even with
     * NodeNameTags=launch each instance of a multi-node fleet gets one CreateTags (Name rides along).
     */
    @Test
    void createTagsResponseLost() {
        run(resume("batch-spot-0", "batch-spot-1"), crash(EC2, "CreateTags", AFTER), deliver());
        assertHolds(true);
        assertThat(nodeTagOf("batch-spot-0")).isEqualTo("batch-spot-0");
        assertThat(nodeTagOf("batch-spot-1")).isEqualTo("batch-spot-1");
    }

    /** Tagging after a fleet launch is best effort; the reconciler re-tags where a node tag is expected (MISSING_NODE_TAG). */
    @Test
    void createTagsNeverSent() {
        run(resume("batch-spot-0", "batch-spot-1"), crash(EC2, "CreateTags", BEFORE), deliver());
        assertHolds(true);
        assertThat(nodeTagOf("batch-spot-0")).isEqualTo("batch-spot-0");
        assertThat(nodeTagOf("batch-spot-1")).isEqualTo("batch-spot-1");
    }

    /**
     * NodeNameTags=launch, a group without per-instance user tags: a multi-node fleet's instances are named only by
     * their launch records, and neither the resume nor the reconciler (no MISSING_NODE_TAG repair) sends CreateTags.
     */
    @Test
    void multiNodeFleetIsNamedByItsLaunchRecordsWithoutCreateTags() {
        run(resume("batch-od-0", "batch-od-1"), deliver());
        assertHolds(true);
        assertThat(w.emu.control().callCounts()).doesNotContainKey("CreateTags");
        var names = Invariants.namesAtBoot(w, w.emu.control().instances());
        for (var n : List.of("batch-od-0", "batch-od-1")) {
            assertThat(nodeTagOf(n)).isNull();
            assertThat(names.get(w.realStore.node(NodeName.parse(n)).instanceId())).isEqualTo(n);
        }
    }

    @Test
    void terminateInstancesResponseLost() {
        run(resume("batch-od-0"), deliver(), suspend("batch-od-0"), crash(EC2, "TerminateInstances", AFTER), deliver());
        assertHolds(true);
    }

    @Test
    void terminateInstancesNeverSent() {
        run(resume("batch-od-0"), deliver(), suspend("batch-od-0"), crash(EC2, "TerminateInstances", BEFORE), deliver());
        assertHolds(true);
    }

    /** Hibernating groups: the persistent request is cancelled before the instance is terminated. */
    @Test
    void cancelSpotInstanceRequestsResponseLost() {
        run(resume("batch-hib-0"), deliver(), suspend("batch-hib-0"), crash(EC2, "CancelSpotInstanceRequests", AFTER), deliver());
        assertHolds(true);
    }

    @Test
    void cancelSpotInstanceRequestsNeverSent() {
        run(resume("batch-hib-0"), deliver(), suspend("batch-hib-0"), crash(EC2, "CancelSpotInstanceRequests", BEFORE), deliver());
        assertHolds(true);
    }

    // ---- DynamoDB: writes applied while the caller saw a failure, and writes that never happened ----

    /** The RESUMING mark is stored, the caller fails; the retry relaunches with the same token. */
    @Test
    void resumingMarkAppliedButReportedFailed() {
        run(resume("batch-od-0"), crash(STORE, "transitionAll", AFTER), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(1);
    }

    @Test
    void resumingMarkNeverApplied() {
        run(resume("batch-od-0"), crash(STORE, "transitionAll", BEFORE), deliver());
        assertHolds(true);
    }

    /**
     * The binding (RESUMING → LAUNCHED) is stored, the caller fails; the retry finds the node LAUNCHED. (Its launch
     * record was written before the binding.)
     */
    @Test
    void bindingAppliedButReportedFailed() {
        run(resume("batch-od-0"), crash(STORE, "transitionAll", AFTER, 1), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(1);
    }

    /** The binding write is lost: the instance is bound on the retry (same token), never twice. */
    @Test
    void bindingNeverApplied() {
        run(resume("batch-hib-1"), crash(STORE, "transitionAll", BEFORE, 1), deliver());
        assertHolds(true);
        assertThat(w.emu.control().instances()).hasSize(1);
    }

    /** (The launch record is closed by the reconciler, as in {@link #closeLaunchNeverAppliedLeavesLaunchOpen}.) */
    @Test
    void poweredDownWriteAppliedButReportedFailed() {
        run(resume("batch-od-0"), deliver(), suspend("batch-od-0"), crash(STORE, "transition", AFTER, 1), deliver());
        assertHolds(true);
    }

    @Test
    void markRequestsProcessedAppliedButReportedFailed() {
        run(resume("batch-od-0"), crash(STORE, "markRequestsProcessed", AFTER), deliver(), duplicate());
        assertHolds(true);
    }

    @Test
    void markRequestsProcessedNeverApplied() {
        run(resume("batch-od-0"), crash(STORE, "markRequestsProcessed", BEFORE), deliver(), duplicate());
        assertHolds(true);
    }

    /** Launch records written, the LAUNCHED writes not yet: the retry (same client token) binds the same instances. */
    @Test
    void recordBoundLaunchesAppliedButReportedFailed() {
        run(resume("batch-od-0"), crash(STORE, "recordBoundLaunches", AFTER), deliver());
        assertHolds(true);
    }

    /** The launch records come before the binding: nothing is bound until the retry writes both. */
    @Test
    void recordBoundLaunchesNeverApplied() {
        run(resume("batch-od-0"), crash(STORE, "recordBoundLaunches", BEFORE), deliver());
        assertHolds(false);
    }

    @Test
    void recordBoundLaunchesNeverAppliedLeavesNoLaunchRecord() {
        run(resume("batch-od-0"), crash(STORE, "recordBoundLaunches", BEFORE), deliver());
        assertHolds(true);
    }

    @Test
    void closeLaunchAppliedButReportedFailed() {
        run(resume("batch-od-0"), deliver(), suspend("batch-od-0"), crash(STORE, "closeLaunch", AFTER), deliver());
        assertHolds(true);
    }

    @Test
    void closeLaunchNeverApplied() {
        run(resume("batch-od-0"), deliver(), suspend("batch-od-0"), crash(STORE, "closeLaunch", BEFORE), deliver());
        assertHolds(false);
    }

    @Test
    void closeLaunchNeverAppliedLeavesLaunchOpen() {
        run(resume("batch-od-0"), deliver(), suspend("batch-od-0"), crash(STORE, "closeLaunch", BEFORE), deliver());
        assertHolds(true);
    }

    /** Resume-fail counts a boot failure on the group record after the node is powered down. */
    @Test
    void updateGroupAppliedButReportedFailed() {
        run(resume("batch-spot-1"), deliver(), request(Kind.RESUME_FAIL, "batch-spot-1"), crash(STORE, "updateGroup", AFTER), deliver());
        assertHolds(true);
    }

    @Test
    void updateGroupNeverApplied() {
        run(resume("batch-spot-1"), deliver(), request(Kind.RESUME_FAIL, "batch-spot-1"), crash(STORE, "updateGroup", BEFORE), deliver());
        assertHolds(true);
    }

    @Test
    void nodeRecordsNeverAnswered() {
        run(resume("batch-od-0", "batch-hib-0"), crash(STORE, "nodeRecords", BEFORE), deliver());
        assertHolds(true);
    }

    @Test
    void processedRequestsNeverAnswered() {
        run(resume("batch-od-0"), crash(STORE, "processedRequests", BEFORE), deliver());
        assertHolds(true);
        assertThat(w.failedInvocations).isEqualTo(1);
    }

    // ---- Slurm commands: a NodeDown lost with the invocation is sent again by the retry ----

    @Test
    void sendNeverArrived() {
        run(noCapacity(), resume("batch-od-0"), crash(SLURM, "send", BEFORE), deliver());
        assertHolds(false, true);
        assertThat(nodeDowns("batch-od-0")).isNotEmpty();
    }

    @Test
    void sendArrivedButReportedFailed() {
        run(noCapacity(), resume("batch-od-0"), crash(SLURM, "send", AFTER), deliver());
        assertHolds(false, true);
        assertThat(nodeDowns("batch-od-0")).isNotEmpty();
    }

    // ---- the reconciler: a pass that dies after its state writes ----

    /**
     * The reconciler is the backstop for a lost instance (EC2 event missed): LAUNCHED with the instance gone past the
     * orphan grace → FAILED + POWER_DOWN_FORCE. If that pass dies after the FAILED write but before the send, the next
     * pass sees FAILED and does nothing, so Slurm is never told.
     */
    @Test
    void reconcileSendNeverArrivedAfterInstanceLost() {
        run(resume("batch-spot-0"), deliver());
        w.emu.control().interrupt(w.realStore.node(NodeName.parse("batch-spot-0")).instanceId());
        run(new Step.Advance(400), crash(SLURM, "send", BEFORE), new Step.Reconcile(), new Step.Reconcile());
        assertHolds(false);
    }

    /** The same without a crash: the lost node is reported. */
    @Test
    void reconcileReportsALostInstance() {
        run(resume("batch-spot-0"), deliver());
        w.emu.control().interrupt(w.realStore.node(NodeName.parse("batch-spot-0")).instanceId());
        run(new Step.Advance(400), new Step.Reconcile(), new Step.Reconcile());
        assertHolds(false);
    }

    // ---- requests overtaking each other ----

    /**
     * Batch [m0 resume od-0,spot-0; m1 suspend spot-0]: the suspend is a no-op (spot-0 never started), od-0's binding
     * write fails, so m0 and (FIFO) m1 are reported failed, but m1's id is remembered as processed. The redelivered
     * m1 is dropped as a duplicate and the redelivered m0 starts spot-0: Slurm's newest request (suspend) is undone.
     */
    @Test
    void laterSuspendInAFailedBatchIsDroppedAsDuplicate() {
        run(resume("batch-od-0", "batch-spot-0"), suspend("batch-spot-0"), crash(STORE, "transitionAll", BEFORE, 1),
                new Step.Deliver(2, false));
        assertHolds(false);
    }

    /** Same root cause without a crash, if messages are ever delivered out of order (several groups, standard queue). */
    @Test
    void suspendOfANeverStartedNodeOvertakenByItsOlderResume() {
        run(resume("batch-od-0"), suspend("batch-od-0"), new Step.Deliver(1, true), deliver());
        assertHolds(false);
    }

    /**
     * Found by CI (ControlPlaneReliabilityIT, 2026-11-22): a batch crashes after launching, leaving its nodes
     * RESUMING; the reconciler re-drives them and used to stamp its own clock as the request time, so Slurm's suspend
     * queued before that pass looked stale and was dropped, leaving the instances running. The schedule exactly as
     * shrunk; only two of its four armed crashes fire.
     */
    @Test
    void suspendAfterALaunchWhoseBindingWasNeverRecorded() {
        for (var s : flatten(resume("batch-hib-0", "batch-hib-1", "batch-spot-0"), crash(STORE, "recordBoundLaunches", BEFORE),
                resume("batch-hib-1", "batch-od-1", "batch-spot-3"), crash(EC2, "CreateTags", BEFORE),
                new Step.Capacity("*", "eu-west-1b", "spot", false), suspend("batch-hib-1", "batch-od-3", "batch-spot-0"),
                new Step.Throttle(false), crash(EC2, "CreateTags", AFTER), deliver(), new Step.Advance(200),
                new Step.Duplicate(22), new Step.Throttle(false), crash(SLURM, "send", BEFORE), new Step.Throttle(true),
                new Step.Reconcile())) {
            w.run(s);
        }
        var q = w.quiesce(false, 1, ControlPlaneReliabilityIT.MIN_ROUNDS, ControlPlaneReliabilityIT.MAX_ROUNDS);
        assertThat(q.fixpoint()).as("quiesced; last actions %s", q.lastActions()).isTrue();
        assertThat(Invariants.check(w)).as("crashes fired %s", w.faults.fired()).isEmpty();
    }

    /**
     * Found by an exploration run: the launch record is written before the binding; the write's response is lost, the
     * redelivery launches again, and the first instance, owned by no node, is swept as an orphan — whose launch
     * record stayed open (the cost report would bill it forever). The sweep now closes it.
     */
    @Test
    void launchRecordWrittenButItsResponseLost() {
        for (var s : flatten(resume("batch-hib-0", "batch-hib-1", "batch-od-0", "batch-od-1"), crash(EC2, "RunInstances", BEFORE),
                crash(STORE, "markRequestsProcessed", AFTER), deliver(), crash(STORE, "recordBoundLaunches", AFTER, 1),
                new Step.Reconcile(), deliver())) {
            w.run(s);
        }
        assertHolds(true);
    }

    // ---- helpers ----

    void run(Step... steps) {
        for (var s : flatten(steps)) {
            w.run(s);
        }
        assertThat(w.faults.fired()).as("every armed crash fired")
                .hasSize((int) Arrays.stream(steps).filter(s -> s instanceof Step.Crash).count());
    }

    void assertHolds(boolean accounting) {
        assertHolds(accounting, false);
    }

    void assertHolds(boolean accounting, boolean keepCapacityOff) {
        var q = w.quiesce(!keepCapacityOff, 1, ControlPlaneReliabilityIT.MIN_ROUNDS, ControlPlaneReliabilityIT.MAX_ROUNDS);
        var violations = new ArrayList<>(Invariants.check(w));
        if (accounting) {
            violations.addAll(Invariants.accounting(w));
        }
        assertThat(q.fixpoint()).as("quiesced; last actions %s", q.lastActions()).isTrue();
        assertThat(violations).as("crashes fired %s", w.faults.fired()).isEmpty();
    }

    String nodeTagOf(String node) {
        var rec = w.realStore.node(NodeName.parse(node));
        assertThat(rec.state()).isIn(NodeState.LAUNCHED, NodeState.READY);
        return w.emu.control().instance(rec.instanceId()).tags().get(LaunchTags.NODE);
    }

    List<SlurmCommand> nodeDowns(String node) {
        return w.slurm.sent.stream().map(c -> c.command())
                .filter(c -> c instanceof SlurmCommand.NodeDown d && d.nodes().contains(node)).toList();
    }

    static Step request(Kind kind, String... nodes) {
        return new Step.Request(kind, List.of(nodes));
    }

    static Step resume(String... nodes) {
        return request(Kind.RESUME, nodes);
    }

    static Step suspend(String... nodes) {
        return request(Kind.SUSPEND, nodes);
    }

    static Step deliver() {
        return new Step.Deliver(1, false);
    }

    static Step duplicate() {
        return new Step.Duplicate(0);
    }

    static Step crash(Fault.Target target, String op, Fault.Phase phase) {
        return crash(target, op, phase, 0);
    }

    static Step crash(Fault.Target target, String op, Fault.Phase phase, int skip) {
        return new Step.Crash(new Fault(target, op, phase, skip));
    }

    /** Every pool of both markets at zero. */
    static Step noCapacity() {
        return new Step.Capacity("*", "*", "*", false);
    }

    static List<Step> flatten(Step... steps) {
        var out = new ArrayList<Step>();
        for (var s : steps) {
            if (s instanceof Step.Capacity c && c.market().equals("*")) {
                ReliabilityWorld.MARKETS.forEach(m -> out.add(new Step.Capacity(c.type(), c.zone(), m, c.available())));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
