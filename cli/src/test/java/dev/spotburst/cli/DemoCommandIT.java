package dev.spotburst.cli;

import dev.spotburst.json.Json;
import dev.spotburst.localruntime.demo.DemoSummary;
import dev.spotburst.localruntime.demo.InterruptionSummary;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandIT {

    @Test
    void jsonModePrintsExactlyOneParsableSummary() throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--json", "--nodes", "6");

        String stdout = out.toString().strip();
        assertThat(stdout.lines()).hasSize(1);
        var tree = Json.mapper().readTree(stdout);
        assertThat(tree.fieldNames()).toIterable().contains("requested", "ready", "failed", "orphans", "ec2_calls",
                "mutating_ec2_calls_per_node", "launch_request_latency_ms");
        assertThat(tree.get("launch_request_latency_ms").has("p50")).isTrue();
        var summary = DemoSummary.fromJson(stdout);
        assertThat(summary.orphans()).isZero();
        assertThat(summary.jobsLost()).isZero();
        assertThat(exit).isEqualTo(summary.ok() ? 0 : 1).isZero();
        assertThat(err.toString()).contains("bundled example");
    }

    @Test
    void interruptionsScenarioPrintsOneParsableSummaryAndLosesNothing() throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--scenario", "interruptions", "--json");

        String stdout = out.toString().strip();
        assertThat(stdout.lines()).hasSize(1);
        var tree = Json.mapper().readTree(stdout);
        assertThat(tree.fieldNames()).toIterable().contains("hibernations", "hibernations_survived", "interruptions",
                "lost_jobs", "orphans", "requested", "ready", "failed", "ec2_calls", "mutating_ec2_calls_per_node",
                "launch_request_latency_ms");
        var summary = InterruptionSummary.fromJson(stdout);
        assertThat(summary.orphans()).isZero();
        assertThat(summary.lostJobs()).isZero();
        assertThat(summary.hibernations()).isPositive();
        assertThat(summary.interruptionsRequeued()).isPositive();
        assertThat(exit).isEqualTo(summary.ok() ? 0 : 1).isZero();
        assertThat(err.toString()).contains("bundled example");
    }

    @Test
    void rejectsUnknownScenarios() {
        var cli = new CommandLine(new DemoCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.setExecutionExceptionHandler((ex, c, p) -> ex instanceof InvalidInputException ? ExitCodes.INVALID_INPUT : 1);
        assertThat(cli.execute("--scenario", "nope")).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void rejectsNonsenseNodeCounts() {
        var cli = new CommandLine(new DemoCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.setExecutionExceptionHandler((ex, c, p) -> ex instanceof InvalidInputException ? ExitCodes.INVALID_INPUT : 1);
        assertThat(cli.execute("--nodes", "0")).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
