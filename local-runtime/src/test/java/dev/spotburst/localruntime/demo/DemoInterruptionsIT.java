package dev.spotburst.localruntime.demo;

import dev.spotburst.json.Json;
import dev.spotburst.localruntime.ExampleConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spotburst demo --scenario interruptions} over the bundled example: terminate-behaviour interruptions requeue
 * the job and leave no instance; hibernate-behaviour ones keep the node on the same instance and IP and the job
 * running (paused, never requeued) until it completes; nothing leaks, nothing is lost.
 */
class DemoInterruptionsIT {
    static InterruptionSummary summary;
    static String timeline;

    @BeforeAll
    static void run() {
        var lines = new ByteArrayOutputStream();
        summary = DemoRunner.runInterruptions(ExampleConfig.load(),
                new DemoRunner.Options("interruptions", 0, Duration.ofSeconds(80), 42),
                new Timeline(new PrintStream(lines, true, StandardCharsets.UTF_8)));
        timeline = lines.toString(StandardCharsets.UTF_8);
        System.out.println(timeline);
        System.out.println(summary.text());
        System.out.println(summary.toJson());
    }

    @Test
    void nothingLeaksAndNoJobIsLost() {
        assertThat(summary.orphans()).as("orphans").isZero();
        assertThat(summary.lostJobs()).as("lost jobs").isZero();
        assertThat(summary.leftoverInstances()).isZero();
        assertThat(summary.jobsCompleted()).isEqualTo(summary.jobsSubmitted());
        assertThat(summary.ok()).isTrue();
        assertThat(summary.ec2EventsDeadLettered()).isZero();
    }

    @Test
    void terminateInterruptionsRequeueTheJobAndLeaveNoInstance() {
        var terminated = summary.nodes().stream().filter(n -> n.behaviour().equals("terminate") && n.interrupted()).toList();
        assertThat(terminated).isNotEmpty().allSatisfy(n -> {
            assertThat(n.jobState()).isEqualTo("COMPLETED");
            assertThat(n.instanceAtEnd()).as(n.node()).isIn("terminated", "gone");
        });
        // A pool interruption also reaches nodes whose short job had just finished (under load the storm can come
        // a second late): those have nothing to requeue. Every interrupted job restarts (functions' scenario ITs
        // check it per node); here at least one terminate-behaviour job must have been requeued and restarted.
        assertThat(terminated).anySatisfy(n -> assertThat(n.jobRestarts()).as(n.node()).isPositive());
        assertThat(summary.interruptionsRequeued()).isGreaterThanOrEqualTo(terminated.size());
        assertThat(timeline).contains("requeued (POWER_DOWN_FORCE");
    }

    @Test
    void hibernationKeepsTheNodeOnTheSameInstanceAndTheJobRunning() {
        var hibernated = summary.nodes().stream().filter(n -> n.behaviour().equals("hibernate") && n.interrupted()).toList();
        assertThat(hibernated).isNotEmpty().allSatisfy(n -> {
            assertThat(n.instanceAfter()).as(n.node()).isEqualTo(n.instanceBefore());
            assertThat(n.ipAfter()).as(n.node()).isEqualTo(n.ipBefore());
            assertThat(n.slurmAddressAfter()).as(n.node()).isEqualTo(n.ipBefore());
            assertThat(n.jobRestarts()).as(n.node() + " job neither killed nor requeued").isZero();
            assertThat(n.jobPauses()).as(n.node() + " job paused while the instance slept").isPositive();
            assertThat(n.jobState()).isEqualTo("COMPLETED");
        });
        assertThat(summary.hibernations()).isGreaterThanOrEqualTo(hibernated.size());
        assertThat(summary.hibernationsSurvived()).isEqualTo(summary.hibernations());
        assertThat(summary.hibernationsLost()).isZero();
        assertThat(summary.jobsSurvivedHibernation()).isGreaterThanOrEqualTo(hibernated.size());
        // One watchdog per hibernate warning; how each ends depends on when its first poll runs (a poll after the
        // node is back sees READY, keeps watching, and ends once Slurm powers the node down), never on a loss.
        assertThat(summary.workflowExecutions()).isGreaterThanOrEqualTo(hibernated.size());
        assertThat(summary.workflowOutcomes().keySet()).isNotEmpty().isSubsetOf("Survived", "NotOurs", "Ended");
        assertThat(timeline).contains("frozen", "thawed", "hibernation workflow");
    }

    @Test
    void jsonCarriesTheFiguresAndParses() throws Exception {
        String json = summary.toJson();
        assertThat(InterruptionSummary.fromJson(json)).isEqualTo(summary);
        assertThat(Json.mapper().readTree(json).fieldNames()).toIterable().contains("hibernations",
                "hibernations_survived", "interruptions", "lost_jobs", "orphans", "requested", "ready", "failed",
                "ec2_calls", "mutating_ec2_calls_per_node", "launch_request_latency_ms");
    }
}
