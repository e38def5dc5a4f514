package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A short burst over the bundled example configuration, end to end against the local cloud. */
class DemoIT {

    static ClusterConfig exampleConfig() throws IOException {
        Path examples = Path.of("..", "examples");
        return ConfigLoader.parse(Files.readString(examples.resolve("partitions.json")),
                Files.readString(examples.resolve("config.json")), OfflineInstanceTypeCatalog.load()).config();
    }

    @Test
    void shortBurstLeavesNothingBehindAndLosesNoJob() throws IOException {
        var lines = new ByteArrayOutputStream();
        var summary = DemoRunner.run(exampleConfig(), new DemoRunner.Options("burst", 16, Duration.ofSeconds(50), 7),
                new Timeline(new PrintStream(lines, true, StandardCharsets.UTF_8)));
        String timeline = lines.toString(StandardCharsets.UTF_8);
        System.out.println(timeline);
        System.out.println(summary.text());

        assertThat(summary.orphans()).as("orphans").isZero();
        assertThat(summary.jobsLost()).as("lost jobs").isZero();
        assertThat(summary.jobsCompleted()).isEqualTo(summary.jobsSubmitted());
        assertThat(summary.requested()).isPositive();
        assertThat(summary.ready() + summary.failed()).as("every requested node ready or failed with a reason")
                .isEqualTo(summary.requested());
        assertThat(summary.failureReasons().keySet()).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(summary.ok()).isTrue();
        assertThat(summary.ec2Calls()).containsKey("CreateFleet");
        assertThat(timeline).contains("resume ").contains("registered").contains("CreateFleet");

        var parsed = DemoSummary.fromJson(summary.toJson());
        assertThat(parsed).isEqualTo(summary);
        assertThat(summary.toJson()).contains("\"requested\"", "\"ready\"", "\"failed\"", "\"orphans\"",
                "\"ec2_calls\"", "\"mutating_ec2_calls_per_node\"", "\"launch_request_latency_ms\"", "\"p50\"", "\"p99\"");
    }
}
