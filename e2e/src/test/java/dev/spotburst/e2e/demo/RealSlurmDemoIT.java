package dev.spotburst.e2e.demo;

import dev.spotburst.cli.Main;
import dev.spotburst.json.Json;
import dev.spotburst.localruntime.demo.DemoSummary;
import dev.spotburst.localslurm.E2ePrerequisites;
import dev.spotburst.localslurm.demo.RealSlurmDemo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spotburst demo --slurm real --json} end to end, through the command line's own entry point, in this JVM —
 * which failsafe already runs inside the isolated namespace, as {@code bin/spotburst} would arrange. Real munged,
 * slurmctld and one slurmd per instance; the shims, agent and control plane of the other e2e scenarios.
 */
class RealSlurmDemoIT {

    @Test
    void realSlurmDemoRunsTheBurstAndPrintsOneSummaryWithNothingLeft() throws Exception {
        var reason = E2ePrerequisites.skipReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "e2e suite skipped: " + reason.orElse(""));
        System.setProperty("spotburst.shimJar", System.getProperty("e2e.shimJar"));
        System.setProperty("spotburst.shimLauncher", System.getProperty("e2e.shimLauncher"));
        var tmp = RealSlurmDemo.scratchParent();
        long before = demoFolders(tmp);

        var stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("demo", "--slurm", "real", "--json");
        } finally {
            System.setOut(original);
        }

        String json = stdout.toString(StandardCharsets.UTF_8).strip();
        System.out.println("[e2e] real-Slurm demo summary: " + json);
        assertThat(json.lines()).hasSize(1);
        var tree = Json.mapper().readTree(json);
        assertThat(tree.fieldNames()).toIterable().contains("scenario", "duration_s", "ok", "jobs_submitted",
                "jobs_completed", "jobs_lost", "requeues", "requested", "ready", "failed", "unaccounted",
                "failure_reasons", "orphans", "leftover_instances", "ec2_calls", "ec2_calls_total", "mutating_ec2_calls",
                "mutating_ec2_calls_per_node", "launch_request_latency_ms", "latency_method", "commands_applied",
                "handler_errors");
        var summary = DemoSummary.fromJson(json);
        assertThat(summary.scenario()).isEqualTo(RealSlurmDemo.SCENARIO);
        assertThat(summary.jobsSubmitted()).isEqualTo(4);
        assertThat(summary.jobsCompleted()).isEqualTo(4);
        assertThat(summary.jobsLost()).isZero();
        assertThat(summary.requested()).as("3 one-node jobs and a two-node job need 3 to 5 nodes").isBetween(3, 5);
        assertThat(summary.ready()).isEqualTo(summary.requested());
        assertThat(summary.unaccounted()).isZero();
        assertThat(summary.orphans()).isZero();
        assertThat(summary.leftoverInstances()).isZero();
        assertThat(summary.launchRequestLatency().count()).isEqualTo(summary.requested());
        assertThat(summary.ok()).isTrue();
        assertThat(exit).isZero();
        assertThat(demoFolders(tmp)).as("the demo removed its temporary folder").isEqualTo(before);
        assertThat(Files.list(Path.of("/run/netns")).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("sb-")).toList()).as("no instance namespace left").isEmpty();
    }

    private static long demoFolders(Path tmp) throws java.io.IOException {
        try (var list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("spotburst-demo-")).count();
        }
    }
}
