package dev.spotburst.e2e.spotburst;

import dev.spotburst.localslurm.CommandRunner;
import dev.spotburst.localslurm.E2ePrerequisites;
import dev.spotburst.localslurm.SimulatedInstances;
import dev.spotburst.localslurm.SlurmCluster;
import dev.spotburst.localslurm.SlurmJob;
import dev.spotburst.localslurm.SlurmNodeState;
import dev.spotburst.localslurm.stack.E2eConfig;
import dev.spotburst.localslurm.stack.HeadNode;
import dev.spotburst.localslurm.stack.SpotburstStack;
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
        cluster = stack.cluster();
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
        stack.headNode().disableResume(false);
        stack.headNode().holdScontrol(false);
        if (!stack.agentAlive()) {
            stack.startAgent();
        }
    }

    private int queuedCommands() {
        var attrs = stack.controlPlane().clients().sqs().getQueueAttributes(r -> r.queueUrl(
                stack.controlPlane().resources().commands().url()).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attrs.getOrDefault("ApproximateNumberOfMessages", "0"))
                + Integer.parseInt(attrs.getOrDefault("ApproximateNumberOfMessagesNotVisible", "0"));
    }

    private void scancel(long job) {
        new CommandRunner(java.util.Map.of("SLURM_CONF", cluster.slurmConf().toString()),
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
            var up = stack.instanceEvents().runningAt(instance.instanceId());
            String figures = String.format(Locale.ROOT, "scenario 1 timings: sbatch->ResumeProgram %.1f s, "
                            + "ResumeProgram->launch at EC2 (%s %s) %.1f s, launch->instance running %.1f s, "
                            + "running->job RUNNING %.1f s, sbatch->job RUNNING %.1f s",
                    secs(submitted, resume), instance.instanceId(), instance.market(), secs(resume, instance.launchTime()),
                    secs(instance.launchTime(), up), secs(up, running), secs(submitted, running));
            s.mark(figures);
            summary.add(figures);

            awaitPoweredDownAndNoInstances(node);
            assertEc2EventsRoutedOnce(s);
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
            assertEc2EventsRoutedOnce(s);
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
                    && cluster.instances().status(node) == SimulatedInstances.Status.HIBERNATED,
                    Duration.ofSeconds(60)); // 20 s notice + stop 2 s + event handling, on a loaded machine
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
            assertEc2EventsRoutedOnce(s);
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
            stack.headNode().disableResume(true); // the resume request is lost: no instance will ever come
            cluster.scontrol("update", "NodeName=" + poweringUp, "State=POWER_UP").orThrow();
            cluster.awaitNode(poweringUp, "idle#", n -> n.compact().equals("idle#"), Duration.ofSeconds(20));
            Instant stuckAt = Instant.now();
            s.mark("stuck: " + down + " down~, " + poweringUp + " idle# (ResumeProgram call dropped)");
            cluster.awaitNode(down, "repaired to idle~", n -> n.compact().equals("idle~"), Duration.ofSeconds(90));
            Instant downFixed = Instant.now();
            // Nothing tells the control plane how long Slurm has been powering this node up (its own record never
            // left POWERED_DOWN), so it waits for Slurm's ResumeTimeout to turn the node down~, then repairs that.
            cluster.awaitNode(poweringUp, "repaired to idle~", n -> n.compact().equals("idle~"),
                    Duration.ofSeconds(SpotburstStack.SLURM_RESUME_TIMEOUT + 60));
            Instant upFixed = Instant.now();
            stack.headNode().disableResume(false);
            String figures = String.format(Locale.ROOT, "scenario 6: down~ repaired in %.1f s (State=RESUME), idle# in "
                    + "%.1f s (Slurm's ResumeTimeout, then the down~ repair; reconcile every %d s, agent snapshot every 5 s)", secs(stuckAt, downFixed),
                    secs(stuckAt, upFixed), SpotburstStack.RECONCILE_EVERY.toSeconds());
            s.mark(figures);
            summary.add(figures);
            assertThat(stack.liveInstances()).isEmpty();
            summary.add(String.format(Locale.ROOT, "scenario 6 took %.1f s", s.elapsedSeconds()));
        } finally {
            stack.headNode().disableResume(false);
        }
    }

    // ---- 7. head-node restart --------------------------------------------------------------------------------

    @Test
    @Order(7)
    void agentKilledMidCommandLosesNothing() throws IOException {
        var nodes = List.of(E2eConfig.node("od", 0), E2eConfig.node("od", 1), E2eConfig.node("hib", 1),
                E2eConfig.node("hib", 2));
        try (var s = cluster.scenario("7 head-node restart: agent killed with commands in flight")) {
            // The agent's scontrol holds state changes between receive and apply (HeadNode's gate), so the kill
            // lands deterministically with every repair received or queued and none applied. (Killing the agent
            // before the repairs are issued would not queue anything: the reconciler sees Slurm only through the
            // agent's snapshots.)
            stack.headNode().holdScontrol(true);
            int gateLines = stack.headNode().scontrolLog().size();
            for (var n : nodes) {
                cluster.scontrol("update", "NodeName=" + n, "State=DOWN", "Reason=e2e-before-agent-crash").orThrow();
            }
            s.mark("4 nodes set down~; the reconciler will send State=RESUME commands; the agent's scontrol is held");
            awaitTrue("the agent holding a repair between receive and apply", () -> stack.headNode().scontrolLog()
                    .stream().skip(gateLines).anyMatch(l -> l.contains(" HELD ")), Duration.ofSeconds(90));
            stack.killAgent();
            var atKill = cluster.nodeStates().stream().filter(n -> nodes.contains(n.node()))
                    .map(n -> n.node() + "=" + n.compact()).toList();
            int queued = queuedCommands();
            s.mark("at the kill: " + atKill + "; commands queue holds " + queued + " message(s)");
            awaitTrue("the held scontrol abandoned with its agent", () -> stack.headNode().scontrolLog().stream()
                    .skip(gateLines).anyMatch(l -> l.contains(" ABANDONED ")), Duration.ofSeconds(10));
            stack.headNode().holdScontrol(false);
            int applyFrom = stack.headNode().scontrolLog().size();
            assertThat(atKill).as("nothing applied before the kill").allMatch(x -> x.endsWith("=down~"));
            assertThat(queued).as("commands in flight at the kill").isPositive();
            stack.startAgent();
            for (var n : nodes) {
                cluster.awaitNode(n, "idle~ (repaired)", st -> st.compact().equals("idle~"), Duration.ofSeconds(90));
            }
            // Stay a little longer: a repeated command must not change anything again (exactly once in effect).
            sleep(2 * SpotburstStack.RECONCILE_EVERY.toMillis());
            var after = cluster.nodeStates().stream().filter(n -> nodes.contains(n.node())).toList();
            var ran = stack.headNode().scontrolLog().stream().skip(applyFrom).filter(l -> l.contains(" RAN ")).toList();
            var results = agentOutcomes(stack.agentGeneration());
            var dlq = stack.controlPlane().clients().sqs().getQueueAttributes(r -> r.queueUrl(
                    stack.controlPlane().resources().commandsDlq().url()).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages");
            s.mark("after the restart the agent ran " + ran.size() + " state change(s): " + ran + "; results "
                    + results + "; commands DLQ holds " + dlq + " message(s)");
            assertThat(after).allMatch(n -> n.compact().equals("idle~") && n.reason().isEmpty());
            for (var n : nodes) {
                assertThat(ran).as("a RESUME for " + n + " applied by the restarted agent")
                        .anyMatch(l -> l.contains("State=RESUME") && hostnames(nodeArg(l)).contains(n));
            }
            assertThat(results).as("command results of the restarted agent").doesNotContainKey("FAILED")
                    .containsKey("APPLIED");
            assertThat(dlq).isEqualTo("0");
            assertThat(stack.agentAlive()).isTrue();
            assertThat(stack.liveInstances()).isEmpty();
            summary.add(String.format(Locale.ROOT, "scenario 7 took %.1f s (at the kill: %s, %d command(s) queued; "
                    + "restarted agent: %s)", s.elapsedSeconds(), atKill, queued, results));
        } finally {
            stack.headNode().holdScontrol(false);
        }
    }

    /** {@code NodeName=...} of a logged scontrol call. */
    private static String nodeArg(String gateLine) {
        return java.util.Arrays.stream(gateLine.split(" ")).filter(a -> a.startsWith("NodeName="))
                .map(a -> a.substring("NodeName=".length())).findFirst().orElse("");
    }

    /** Outcome → count of the commands an agent generation reported (its log's {@code outcome=} lines). */
    private java.util.Map<String, Long> agentOutcomes(int generation) throws IOException {
        return Files.readAllLines(stack.agentLog(generation)).stream().filter(l -> l.contains(" outcome="))
                .map(l -> l.replaceAll(".* outcome=(\\S+).*", "$1"))
                .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
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

    /** Every EC2 event the emulator published reached the control plane once (its rules only, no second route). */
    private void assertEc2EventsRoutedOnce(SlurmCluster.Scenario s) {
        var counts = new long[2];
        awaitTrue("every EC2 event routed to the control plane", () -> {
            var c = stack.ec2EventsPublishedAndRouted();
            counts[0] = c[0];
            counts[1] = c[1];
            return c[0] == c[1];
        }, Duration.ofSeconds(30));
        s.mark("EC2 events so far: " + counts[0] + " published, " + counts[1] + " EC2-events function invocations");
        assertThat(counts[1]).isEqualTo(counts[0]).isPositive();
    }

    private void awaitPoweredDownAndNoInstances(String... nodes) {
        for (var node : nodes) {
            cluster.awaitNode(node, "powered down", n -> n.isPoweredDown() && !n.isPoweringDown()
                    && !n.has("POWER_DOWN"), Duration.ofSeconds(90));
        }
        awaitTrue("no live EC2 instance left", () -> stack.liveInstances().isEmpty(), Duration.ofSeconds(60));
        stack.instanceEvents().drain();
        awaitTrue("no simulated instance left", () -> cluster.instances().nodes().isEmpty(), Duration.ofSeconds(60));
    }

    private void awaitTrue(String what, BooleanSupplier condition, Duration timeout) {
        cluster.timeline().mark("waiting for " + what + " (up to " + timeout.toSeconds() + " s)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                cluster.timeline().mark("TIMEOUT: " + what);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; live instances " + stack.liveInstances().stream().map(i -> i.instanceId() + "="
                        + stack.nodeOf(i) + "/" + i.state()).toList());
            }
            sleep(250);
        }
        cluster.timeline().mark("reached: " + what);
    }

    private HeadNode.HookCall firstHook(String hook, String node, Instant after) {
        return stack.headNode().hookCalls().stream()
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
                .filter(i -> node.equals(stack.nodeOf(i)) && !i.launchTime().isBefore(after.minusSeconds(1)))
                .min(Comparator.comparing(InstanceView::launchTime))
                .orElseThrow(() -> new AssertionError("no EC2 instance was launched for " + node));
    }

    /** The node's live instance (the newest, if a replacement is already pending). */
    private InstanceView currentInstance(String node) {
        return stack.liveInstances().stream().filter(i -> node.equals(stack.nodeOf(i)))
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
