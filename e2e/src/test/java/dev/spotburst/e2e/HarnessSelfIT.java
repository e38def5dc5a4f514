package dev.spotburst.e2e;

import dev.spotburst.localslurm.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-test of the harness on one shared cluster (four cloud nodes, SlurmdTimeout=0), with a file-based stand-in for
 * the spotburst power-save path. Each scenario prints its timeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HarnessSelfIT {

    private static final String NODE_LINES = """
            NodeName=aws-cpu-[0-3] CPUs=1 RealMemory=100 State=CLOUD Feature=aws
            PartitionName=aws Nodes=aws-cpu-[0-3] Default=YES MaxTime=INFINITE State=UP
            """;
    private static final int FREEZE_SECONDS = 20;
    private static final int COUNTER_LINES = 30;

    private final Map<String, String> plan = new LinkedHashMap<>();
    private PowerSaveFileBridge bridge;
    private SlurmCluster cluster;

    @BeforeAll
    void startCluster() throws IOException {
        var reason = E2ePrerequisites.skipReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason.isEmpty(), () -> "e2e suite skipped: " + reason.orElse(""));
        for (int i = 0; i < 4; i++) {
            plan.put("aws-cpu-" + i, E2eNetwork.instanceIp(i));
        }
        var root = Path.of(System.getProperty("e2e.scratchRoot", "target"));
        bridge = PowerSaveFileBridge.writeScripts(Files.createTempDirectory(Files.createDirectories(root), "e2e-power-"));
        var spec = ClusterSpec.ciDefaults(NODE_LINES, plan, bridge.script("resume"), bridge.script("suspend"),
                bridge.script("resumefail")).withSlurmdTimeout(0);
        cluster = SlurmCluster.start(spec);
        bridge.start(cluster, plan);
    }

    @AfterAll
    void stopCluster() {
        if (bridge != null) {
            bridge.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void batchJobBurstsOneNodeWhichPowersDownAfterwards() throws IOException {
        try (var s = cluster.scenario("(a) burst one node for a batch job")) {
            assertThat(cluster.nodeState("aws-cpu-0").compact()).isEqualTo("idle~");
            long job = cluster.sbatchWrap("hostname", "-p", "aws", "-w", "aws-cpu-0");
            s.mark("submitted job " + job);
            cluster.awaitJob(job, "COMPLETED", j -> j.isFinished(), Duration.ofSeconds(150));
            assertThat(cluster.job(job).state()).isEqualTo("COMPLETED");
            assertThat(Files.readString(cluster.jobOutput(job)).strip()).isEqualTo("aws-cpu-0");
            var down = cluster.awaitNode("aws-cpu-0", "powered down again", n -> n.isPoweredDown() && !n.isPoweringDown(),
                    Duration.ofSeconds(90));
            assertThat(down.compact()).isEqualTo("idle~");
            awaitInstanceGone("aws-cpu-0");
        }
    }

    @Test
    @Order(2)
    void jobSurvivesAFreezeWhenSlurmdTimeoutIsZero() throws IOException, InterruptedException {
        try (var s = cluster.scenario("(b) hibernation simulation, SlurmdTimeout=0")) {
            long job = cluster.sbatch("""
                    #!/bin/sh
                    for i in $(seq 1 %d); do
                      echo "$i $(date +%%s.%%N) $(hostname) restart=${SLURM_RESTART_COUNT:-0}"
                      sleep 1
                    done
                    """.formatted(COUNTER_LINES), "-p", "aws", "-w", "aws-cpu-1");
            s.mark("submitted counter job " + job);
            cluster.awaitJob(job, "RUNNING", j -> j.state().equals("RUNNING"), Duration.ofSeconds(120));
            awaitLines(cluster.jobOutput(job), 5);
            // Through the EC2 adapter, as the emulator's state-change events will drive it: stopped = hibernated.
            var ip = plan.get("aws-cpu-1");
            cluster.instances().onInstanceState("i-e2e0001", "aws-cpu-1", ip, "stopping");
            cluster.instances().onInstanceState("i-e2e0001", "aws-cpu-1", ip, "stopped");
            assertThat(cluster.instances().status("aws-cpu-1")).isEqualTo(SimulatedInstances.Status.HIBERNATED);
            Thread.sleep(FREEZE_SECONDS * 1000L);
            var during = cluster.nodeState("aws-cpu-1");
            s.mark("after " + FREEZE_SECONDS + " s frozen slurmctld shows " + during.compact());
            cluster.instances().onInstanceState("i-e2e0001", "aws-cpu-1", ip, "pending");
            cluster.instances().onInstanceState("i-e2e0001", "aws-cpu-1", ip, "running");
            assertThat(cluster.instances().status("aws-cpu-1")).isEqualTo(SimulatedInstances.Status.RUNNING);
            var done = cluster.awaitJob(job, "finished", SlurmJob::isFinished, Duration.ofSeconds(120));

            var lines = Files.readAllLines(cluster.jobOutput(job));
            double longestGap = longestGapSeconds(lines);
            s.mark(String.format(Locale.ROOT, "counter: %d lines, longest gap %.1f s (freeze %d s), restarts %d",
                    lines.size(), longestGap, FREEZE_SECONDS, done.restarts()));
            assertThat(during.base()).isEqualTo("ALLOCATED");
            assertThat(during.isNotResponding()).isFalse();
            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(done.restarts()).isZero();
            assertThat(lines).hasSize(COUNTER_LINES);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).startsWith((i + 1) + " ").endsWith("aws-cpu-1 restart=0");
            }
        }
    }

    @Test
    @Order(3)
    void powerDownForceRepairsDownAndStuckPoweringUpNodes() {
        try (var s = cluster.scenario("(c) POWER_DOWN_FORCE repairs down~ and idle#")) {
            // down~: a powered-down node marked DOWN, as after "ResumeTimeout reached".
            cluster.scontrol("update", "NodeName=aws-cpu-2", "State=DOWN", "Reason=e2e-simulated-failure").orThrow();
            cluster.awaitNode("aws-cpu-2", "down~", n -> n.compact().equals("down~"), Duration.ofSeconds(20));
            // idle#: powering up, but the instance never comes (the bridge ignores its resume).
            bridge.ignoreResumesOf("aws-cpu-3");
            cluster.scontrol("update", "NodeName=aws-cpu-3", "State=POWER_UP").orThrow();
            cluster.awaitNode("aws-cpu-3", "idle#", n -> n.compact().equals("idle#"), Duration.ofSeconds(20));

            for (var node : List.of("aws-cpu-2", "aws-cpu-3")) {
                cluster.scontrol("update", "NodeName=" + node, "State=POWER_DOWN_FORCE").orThrow();
                s.mark("POWER_DOWN_FORCE sent for " + node);
            }
            for (var node : List.of("aws-cpu-2", "aws-cpu-3")) {
                var repaired = cluster.awaitNode(node, "idle~", n -> n.compact().equals("idle~"), Duration.ofSeconds(60));
                assertThat(repaired.base()).isEqualTo("IDLE");
            }
        }
    }

    private void awaitInstanceGone(String node) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (cluster.instances().isKnown(node)) {
            assertThat(System.nanoTime()).as("instance %s still exists after SuspendProgram", node).isLessThan(deadline);
            sleep(200);
        }
    }

    private static void awaitLines(Path file, int count) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < count) {
            assertThat(System.nanoTime()).as("%s has %d lines", file, count).isLessThan(deadline);
            sleep(200);
        }
    }

    /** Largest difference between consecutive timestamps (second column) in the counter output. */
    static double longestGapSeconds(List<String> lines) {
        double longest = 0;
        for (int i = 1; i < lines.size(); i++) {
            double a = Double.parseDouble(lines.get(i - 1).split(" ")[1]);
            double b = Double.parseDouble(lines.get(i).split(" ")[1]);
            longest = Math.max(longest, b - a);
        }
        return longest;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
