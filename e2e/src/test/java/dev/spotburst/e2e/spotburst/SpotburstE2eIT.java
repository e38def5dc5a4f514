package dev.spotburst.e2e.spotburst;

import dev.spotburst.e2e.E2ePrerequisites;
import dev.spotburst.e2e.SlurmCluster;
import dev.spotburst.e2e.SlurmJob;
import dev.spotburst.e2e.SlurmNodeState;
import dev.spotburst.ec2emu.InstanceView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * spotburst end to end with real Slurm 22.05: slurmctld's power-save programs are the real shims, the control plane
 * is the real handlers on the local cloud, the agent is the real agent applying commands with the real scontrol,
 * and every EC2 emulator instance is a network namespace running slurmd. One cluster for every scenario; each
 * asserts on Slurm's own view (job state, output, node states) and on the cloud (no instance left), and prints its
 * timeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpotburstE2eIT {

    // Each group has its own instance type, which is also a node feature: jobs pick a group with -C. (Slurm 22.05
    // allocated burst-hib-0 (Weight=100) before burst-spot-0 (Weight=1) for a job without constraint.)
    static final String SPOT_TYPE = "c5.large";
    static final String OD_TYPE = "m5.large";
    static final String HIB_TYPE = "m6i.large";

    private SpotburstStack stack;
    private SlurmCluster cluster;
    private final List<String> summary = new ArrayList<>();
    private long suiteStart;

    @BeforeAll
    void start() {
        var reason = E2ePrerequisites.skipReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "e2e suite skipped: " + reason.orElse(""));
        suiteStart = System.nanoTime();
        stack = SpotburstStack.start();
        cluster = stack.cluster;
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            try {
                stack.close();
            } finally {
                System.out.println("[e2e] ===== spotburst e2e summary =====");
                summary.forEach(l -> System.out.println("[e2e]   " + l));
                System.out.println(String.format(Locale.ROOT, "[e2e] suite total %.1f s",
                        (System.nanoTime() - suiteStart) / 1e9));
            }
        }
    }

    /** A failed scenario must not leave a job or a starved pool behind for the next one. */
    @AfterEach
    void tidyUp() {
        if (stack == null) {
            return;
        }
        for (var j : cluster.jobs()) {
            if (!j.isFinished()) {
                cluster.timeline().mark("cleanup: cancelling job " + j.id() + " " + j.compact());
                scancel(j.id());
            }
        }
        var control = stack.emulator().control();
        for (var type : List.of(SPOT_TYPE, OD_TYPE, HIB_TYPE)) {
            for (var market : List.of("spot", "on-demand")) {
                control.setCapacity(type, SpotburstStack.AZ, market, 20);
            }
        }
        stack.headNode.disableResume(false);
        if (!stack.agentAlive()) {
            stack.startAgent();
        }
    }

    private int queuedCommands() {
        var attrs = stack.controlPlane.clients().sqs().getQueueAttributes(r -> r.queueUrl(
                stack.controlPlane.resources().commands().url()).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attrs.getOrDefault("ApproximateNumberOfMessages", "0"))
                + Integer.parseInt(attrs.getOrDefault("ApproximateNumberOfMessagesNotVisible", "0"));
    }

    private void scancel(long job) {
        new dev.spotburst.e2e.CommandRunner(java.util.Map.of("SLURM_CONF", cluster.slurmConf().toString()),
                Duration.ofSeconds(20)).run("scancel", Long.toString(job));
    }

    // ---- 1. burst ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void batchJobBurstsANodeThatPowersDownAndIsTerminated() throws IOException {
        String node = E2eConfig.node("spot", 0);
        try (var s = cluster.scenario("1 burst: one batch job, one node")) {
            assertThat(cluster.nodeState(node).compact()).isEqualTo("idle~");
            Instant submitted = Instant.now();
            long job = cluster.sbatchWrap("sleep 3; hostname", "-p", E2eConfig.PARTITION, "-C", SPOT_TYPE);
            s.mark("submitted job " + job);
            cluster.awaitJob(job, "RUNNING", j -> j.state().equals("RUNNING") || j.isFinished(), Duration.ofSeconds(150));
            Instant running = Instant.now();
            var done = cluster.awaitJob(job, "COMPLETED", SlurmJob::isFinished, Duration.ofSeconds(60));
            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(done.nodeList()).isEqualTo(node);
            assertThat(Files.readString(cluster.jobOutput(job)).strip()).isEqualTo(node);

            var resume = firstHook("spotburst-resume", node, submitted);
            var instance = instanceOf(node, submitted);
            var up = stack.instanceEvents.runningAt(instance.instanceId());
            String figures = String.format(Locale.ROOT, "scenario 1 timings: sbatch->ResumeProgram %.1f s, "
                            + "ResumeProgram->launch at EC2 (%s %s) %.1f s, launch->instance running %.1f s, "
                            + "running->job RUNNING %.1f s, sbatch->job RUNNING %.1f s",
                    secs(submitted, resume), instance.instanceId(), instance.market(), secs(resume, instance.launchTime()),
                    secs(instance.launchTime(), up), secs(up, running), secs(submitted, running));
            s.mark(figures);
            summary.add(figures);

            awaitPoweredDownAndNoInstances(node);
            summary.add(String.format(Locale.ROOT, "scenario 1 took %.1f s", s.elapsedSeconds()));
        }
    }

    // ---- 2. four nodes --------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void jobAcrossFourNodes() throws IOException {
        try (var s = cluster.scenario("2 one job across four nodes")) {
            long job = cluster.sbatch("""
                    #!/bin/sh
                    srun hostname | sort
                    """, "-p", E2eConfig.PARTITION, "-C", SPOT_TYPE, "-N", "4");
            s.mark("submitted job " + job + " (-N 4)");
            var done = cluster.awaitJob(job, "finished", SlurmJob::isFinished, Duration.ofSeconds(180));
            var nodes = hostnames(done.nodeList());
            var out = Files.readAllLines(cluster.jobOutput(job));
            s.mark("job " + job + " " + done.compact() + ", output " + out);
            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(nodes).hasSize(4).allMatch(n -> n.startsWith(E2eConfig.PARTITION + "-spot-"));
            assertThat(out).containsExactlyElementsOf(nodes.stream().sorted().toList());
            awaitPoweredDownAndNoInstances(nodes.toArray(String[]::new));
            summary.add(String.format(Locale.ROOT, "scenario 2 (4 nodes) took %.1f s", s.elapsedSeconds()));
        }
    }

    // ---- 3. launch failure --------------------------------------------------------------------------------

    @Test
    @Order(3)
    void capacityErrorDownsTheNodeRequeuesAtOnceAndTheJobRunsOnOnDemand() throws IOException {
        var control = stack.emulator().control();
        try (var s = cluster.scenario("3 launch failure: capacity error, requeue, On-Demand fallback")) {
            control.setCapacity(SPOT_TYPE, SpotburstStack.AZ, "spot", 0);
            control.setCapacity(SPOT_TYPE, SpotburstStack.AZ, "on-demand", 0);
            s.mark("capacity of " + SPOT_TYPE + " set to 0 (Spot and On-Demand): the group's fallback fails too");
            Instant submitted = Instant.now();
            long job = cluster.sbatchWrap("hostname", "-p", E2eConfig.PARTITION, "-C", SPOT_TYPE);
            s.mark("submitted job " + job);
            var down = awaitNodeMatching("DOWN with a capacity error", n -> n.base().equals("DOWN")
                    && n.reason().contains("Insufficient"), Duration.ofSeconds(90));
            Instant downAt = Instant.now();
            var resume = firstHook("spotburst-resume", down.node(), submitted);
            s.mark("node " + down.node() + " DOWN, reason \"" + down.reason() + "\"");
            var requeued = cluster.awaitJob(job, "requeued", j -> j.restarts() >= 1
                    || j.state().equals("PENDING") && j.nodeList().isEmpty(), Duration.ofSeconds(60));
            Instant requeuedAt = Instant.now();
            // Capacity comes back for On-Demand only: the next node of the group launches through its fallback.
            control.setCapacity(SPOT_TYPE, SpotburstStack.AZ, "on-demand", 20);
            s.mark("On-Demand capacity of " + SPOT_TYPE + " restored (Spot stays at 0)");
            var done = cluster.awaitJob(job, "COMPLETED", SlurmJob::isFinished, Duration.ofSeconds(150));
            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(done.nodeList()).isNotEqualTo(down.node());
            assertThat(Files.readString(cluster.jobOutput(job)).strip()).isEqualTo(done.nodeList());
            var fallback = instanceOf(done.nodeList(), downAt);
            assertThat(fallback.market()).isEqualTo("on-demand");
            control.setCapacity(SPOT_TYPE, SpotburstStack.AZ, "spot", 20);
            String figures = String.format(Locale.ROOT, "scenario 3: ResumeProgram->node DOWN %.1f s (reason \"%s\"), "
                            + "DOWN->job requeued %.1f s (ResumeTimeout is %d s), job ran on %s (%s, %s)",
                    secs(resume, downAt), down.reason(), secs(downAt, requeuedAt), SpotburstStack.SLURM_RESUME_TIMEOUT,
                    done.nodeList(), fallback.instanceId(), fallback.market());
            s.mark(figures + "; requeued job seen as " + requeued.compact());
            summary.add(figures);
            assertThat(down.reason()).contains("InsufficientInstanceCapacity");
            assertThat(secs(downAt, requeuedAt)).isLessThan(SpotburstStack.SLURM_RESUME_TIMEOUT);
            awaitPoweredDownAndNoInstances(done.nodeList());
            summary.add(String.format(Locale.ROOT, "scenario 3 took %.1f s", s.elapsedSeconds()));
        }
    }

    // ---- 4. Spot interruption, terminate behaviour -----------------------------------------------------------

    @Test
    @Order(4)
    void terminateInterruptionRequeuesTheJobAndNothingLeaks() {
        var control = stack.emulator().control();
        try (var s = cluster.scenario("4 Spot interruption (terminate): requeue, no leak")) {
            long job = cluster.sbatchWrap("sleep 300", "-p", E2eConfig.PARTITION, "-C", SPOT_TYPE);
            s.mark("submitted job " + job);
            var running = cluster.awaitJob(job, "RUNNING", j -> j.state().equals("RUNNING"), Duration.ofSeconds(150));
            String node = running.nodeList();
            var instance = currentInstance(node);
            Instant interruptedAt = Instant.now();
            control.interrupt(instance.instanceId());
            s.mark("interruption warning for " + instance.instanceId() + " (" + node + "), terminate in 20 s");
            var requeued = cluster.awaitJob(job, "requeued", j -> j.restarts() >= 1, Duration.ofSeconds(60));
            Instant requeuedAt = Instant.now();
            // The job would run again after cred_expire; cancel it so the scenario ends with nothing running.
            scancel(job);
            s.mark("requeued (" + requeued.compact() + "); cancelled it");
            awaitPoweredDownAndNoInstances(node);
            var gone = control.instance(instance.instanceId());
            assertThat(gone.state()).isIn("shutting-down", "terminated");
            String figures = String.format(Locale.ROOT, "scenario 4: interruption warning->job requeued %.1f s, "
                    + "instance %s %s", secs(interruptedAt, requeuedAt), gone.instanceId(), gone.state());
            s.mark(figures);
            summary.add(figures);
            summary.add(String.format(Locale.ROOT, "scenario 4 took %.1f s", s.elapsedSeconds()));
        }
    }

    // ---- 5. Spot interruption, hibernate behaviour -----------------------------------------------------------

    @Test
    @Order(5)
    void hibernationFreezesTheNodeAndTheJobCompletesWithContinuousOutput() throws IOException {
        var control = stack.emulator().control();
        int lines = 40;
        try (var s = cluster.scenario("5 Spot interruption (hibernate): freeze, return, job completes")) {
            long job = cluster.sbatch("""
                    #!/bin/sh
                    for i in $(seq 1 %d); do
                      echo "$i $(date +%%s.%%N) $(hostname) restart=${SLURM_RESTART_COUNT:-0}"
                      sleep 1
                    done
                    """.formatted(lines), "-p", E2eConfig.PARTITION, "-C", HIB_TYPE);
            s.mark("submitted counter job " + job);
            var running = cluster.awaitJob(job, "RUNNING", j -> j.state().equals("RUNNING"), Duration.ofSeconds(150));
            String node = running.nodeList();
            awaitLines(cluster.jobOutput(job), 5);
            var before = currentInstance(node);
            control.setCapacity(HIB_TYPE, SpotburstStack.AZ, "spot", 0);
            control.interrupt(before.instanceId());
            s.mark("Spot capacity of " + HIB_TYPE + " taken away; interruption (hibernate) of " + before.instanceId());
            awaitTrue(node + " hibernated (instance stopped, processes frozen)", () ->
                    control.instance(before.instanceId()).state().equals("stopped") && cluster.instances().isKnown(node)
                    && cluster.instances().status(node) == dev.spotburst.e2e.SimulatedInstances.Status.HIBERNATED,
                    Duration.ofSeconds(30));
            sleep(10_000);
            var during = cluster.nodeState(node);
            s.mark("while hibernated Slurm shows " + during.compact() + " [" + during.fullState() + "] reason \""
                    + during.reason() + "\"");
            control.setCapacity(HIB_TYPE, SpotburstStack.AZ, "spot", 20);
            s.mark("Spot capacity restored: the persistent request restarts the same instance");
            var done = cluster.awaitJob(job, "finished", SlurmJob::isFinished, Duration.ofSeconds(120));
            var after = control.instance(before.instanceId());
            var out = Files.readAllLines(cluster.jobOutput(job));
            double gap = longestGapSeconds(out);
            String figures = String.format(Locale.ROOT, "scenario 5: %s %s -> same instance %s at %s, %d/%d lines, "
                            + "restarts %d, longest output gap %.1f s", before.instanceId(), before.privateIpAddress(),
                    after.instanceId(), after.privateIpAddress(), out.size(), lines, done.restarts(), gap);
            s.mark(figures);
            summary.add(figures);
            assertThat(during.isNotResponding()).isFalse();
            assertThat(during.base()).isEqualTo("ALLOCATED");
            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(done.restarts()).isZero();
            assertThat(after.privateIpAddress()).isEqualTo(before.privateIpAddress());
            assertThat(after.resumedFromHibernation()).isTrue();
            assertThat(out).hasSize(lines);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i)).startsWith((i + 1) + " ").endsWith(node + " restart=0");
            }
            awaitPoweredDownAndNoInstances(node);
            summary.add(String.format(Locale.ROOT, "scenario 5 took %.1f s", s.elapsedSeconds()));
        }
    }

    // ---- 6. stuck nodes ----------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void reconcilerRepairsStuckNodes() {
        String down = E2eConfig.node("od", 3);
        String poweringUp = E2eConfig.node("od", 2);
        try (var s = cluster.scenario("6 stuck nodes repaired by the reconciler")) {
            cluster.scontrol("update", "NodeName=" + down, "State=DOWN", "Reason=e2e-simulated-failure").orThrow();
            cluster.awaitNode(down, "down~", n -> n.compact().equals("down~"), Duration.ofSeconds(20));
            stack.headNode.disableResume(true); // the resume request is lost: no instance will ever come
            cluster.scontrol("update", "NodeName=" + poweringUp, "State=POWER_UP").orThrow();
            cluster.awaitNode(poweringUp, "idle#", n -> n.compact().equals("idle#"), Duration.ofSeconds(20));
            Instant stuckAt = Instant.now();
            s.mark("stuck: " + down + " down~, " + poweringUp + " idle# (ResumeProgram call dropped)");
            cluster.awaitNode(down, "repaired to idle~", n -> n.compact().equals("idle~"), Duration.ofSeconds(60));
            Instant downFixed = Instant.now();
            // Nothing tells the control plane how long Slurm has been powering this node up (its own record never
            // left POWERED_DOWN), so it waits for Slurm's ResumeTimeout to turn the node down~, then repairs that.
            cluster.awaitNode(poweringUp, "repaired to idle~", n -> n.compact().equals("idle~"),
                    Duration.ofSeconds(SpotburstStack.SLURM_RESUME_TIMEOUT + 60));
            Instant upFixed = Instant.now();
            stack.headNode.disableResume(false);
            String figures = String.format(Locale.ROOT, "scenario 6: down~ repaired in %.1f s (State=RESUME), idle# in "
                    + "%.1f s (Slurm's ResumeTimeout, then the down~ repair; reconcile every %d s, agent snapshot every 5 s)", secs(stuckAt, downFixed),
                    secs(stuckAt, upFixed), SpotburstStack.RECONCILE_EVERY.toSeconds());
            s.mark(figures);
            summary.add(figures);
            assertThat(stack.liveInstances()).isEmpty();
            summary.add(String.format(Locale.ROOT, "scenario 6 took %.1f s", s.elapsedSeconds()));
        } finally {
            stack.headNode.disableResume(false);
        }
    }

    // ---- 7. head-node restart --------------------------------------------------------------------------------

    @Test
    @Order(7)
    void agentKilledMidCommandLosesNothing() {
        var nodes = List.of(E2eConfig.node("od", 0), E2eConfig.node("od", 1), E2eConfig.node("hib", 1),
                E2eConfig.node("hib", 2));
        try (var s = cluster.scenario("7 head-node restart: agent killed with commands in flight")) {
            for (var n : nodes) {
                cluster.scontrol("update", "NodeName=" + n, "State=DOWN", "Reason=e2e-before-agent-crash").orThrow();
            }
            s.mark("4 nodes set down~; the reconciler will send one State=RESUME command per node");
            // Kill the agent as soon as the first repair has been applied: the rest are in the queue or in its hands.
            // (Killing it earlier would not queue anything: the reconciler sees Slurm only through the agent's
            // snapshots.) Whether the others are still unapplied at that moment is a race: report what was seen.
            awaitTrue("first repair applied", () -> cluster.nodeStates().stream()
                    .anyMatch(n -> nodes.contains(n.node()) && n.compact().equals("idle~")), Duration.ofSeconds(60));
            stack.killAgent();
            var afterKill = cluster.nodeStates().stream().filter(n -> nodes.contains(n.node()))
                    .map(n -> n.node() + "=" + n.compact()).toList();
            s.mark("at the kill: " + afterKill + "; commands queue holds " + queuedCommands() + " message(s)");
            sleep(3_000);
            stack.startAgent();
            for (var n : nodes) {
                cluster.awaitNode(n, "idle~ (repaired)", st -> st.compact().equals("idle~"), Duration.ofSeconds(60));
            }
            var dlq = stack.controlPlane.clients().sqs().getQueueAttributes(r -> r.queueUrl(
                    stack.controlPlane.resources().commandsDlq().url()).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages");
            s.mark("commands DLQ holds " + dlq + " message(s)");
            assertThat(dlq).isEqualTo("0");
            assertThat(stack.agentAlive()).isTrue();
            assertThat(stack.liveInstances()).isEmpty();
            summary.add(String.format(Locale.ROOT, "scenario 7 took %.1f s (at the kill: %s)", s.elapsedSeconds(),
                    afterKill));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private SlurmNodeState awaitNodeMatching(String what, java.util.function.Predicate<SlurmNodeState> condition,
                                            Duration timeout) {
        var found = new SlurmNodeState[1];
        awaitTrue("a node " + what, () -> {
            var hit = cluster.nodeStates().stream().filter(condition).findFirst();
            hit.ifPresent(n -> found[0] = n);
            return hit.isPresent();
        }, timeout);
        return found[0];
    }

    private static void awaitLines(java.nio.file.Path file, int count) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not reach " + count + " lines");
            }
            sleep(200);
        }
    }

    /** Largest difference between consecutive timestamps (second column) of the counter output. */
    static double longestGapSeconds(List<String> lines) {
        double longest = 0;
        for (int i = 1; i < lines.size(); i++) {
            double a = Double.parseDouble(lines.get(i - 1).split(" ")[1]);
            double b = Double.parseDouble(lines.get(i).split(" ")[1]);
            longest = Math.max(longest, b - a);
        }
        return longest;
    }

    private void awaitPoweredDownAndNoInstances(String... nodes) {
        for (var node : nodes) {
            cluster.awaitNode(node, "powered down", n -> n.isPoweredDown() && !n.isPoweringDown()
                    && !n.has("POWER_DOWN"), Duration.ofSeconds(90));
        }
        awaitTrue("no live EC2 instance left", () -> stack.liveInstances().isEmpty(), Duration.ofSeconds(60));
        stack.instanceEvents.drain();
        awaitTrue("no simulated instance left", () -> cluster.instances().nodes().isEmpty(), Duration.ofSeconds(30));
    }

    private void awaitTrue(String what, BooleanSupplier condition, Duration timeout) {
        cluster.timeline().mark("waiting for " + what + " (up to " + timeout.toSeconds() + " s)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                cluster.timeline().mark("TIMEOUT: " + what);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; live instances " + stack.liveInstances().stream().map(i -> i.instanceId() + "="
                        + i.tags().get("Name") + "/" + i.state()).toList());
            }
            sleep(250);
        }
        cluster.timeline().mark("reached: " + what);
    }

    private HeadNode.HookCall firstHook(String hook, String node, Instant after) {
        return stack.headNode.hookCalls().stream()
                .filter(c -> c.hook().equals(hook) && !c.at().isBefore(after.minusMillis(1000))
                        && hostnames(c.hostlist()).contains(node))
                .findFirst().orElseThrow(() -> new AssertionError(hook + " was not called for " + node));
    }

    private List<String> hostnames(String hostlist) {
        return cluster.scontrol("show", "hostnames", hostlist).orThrow().stdout().lines()
                .filter(l -> !l.isBlank()).toList();
    }

    private InstanceView instanceOf(String node, Instant after) {
        return stack.emulator().control().instances().stream()
                .filter(i -> node.equals(i.tags().get("Name")) && !i.launchTime().isBefore(after.minusSeconds(1)))
                .min(Comparator.comparing(InstanceView::launchTime))
                .orElseThrow(() -> new AssertionError("no EC2 instance was launched for " + node));
    }

    /** The node's live instance (the newest, if a replacement is already pending). */
    private InstanceView currentInstance(String node) {
        return stack.liveInstances().stream().filter(i -> node.equals(i.tags().get("Name")))
                .max(Comparator.comparing(InstanceView::launchTime))
                .orElseThrow(() -> new AssertionError("no live EC2 instance for " + node));
    }

    private static double secs(HeadNode.HookCall from, Instant to) {
        return secs(from.at(), to);
    }

    private static double secs(Instant from, HeadNode.HookCall to) {
        return secs(from, to.at());
    }

    private static double secs(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
