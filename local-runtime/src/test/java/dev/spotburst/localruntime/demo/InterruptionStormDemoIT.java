package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.localruntime.ExampleConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interruptions scenario at storm size: the bundled example with its hibernating group ({@code batch-spot}) and
 * its terminate-behaviour group ({@code short-spot}) at {@value #PER_GROUP} nodes each, every one running a job, then
 * one interruption of each kind, a rebalance per group, and every Spot pool holding those 200 instances reclaimed at
 * once. The whole stack runs: local cloud, EC2 emulator, the control plane's handlers and the hibernation workflow,
 * the simulated Slurm counting jobs. Figures are printed ({@code storm figures: ...}), never asserted as timings.
 */
class InterruptionStormDemoIT {
    static final int PER_GROUP = 100;
    /** Work long enough that all 200 jobs run at once before the first interruption; ResumeTimeout as in Slurm's
     *  own guidance for cloud nodes (minutes), so a slow launch on a busy machine is not a boot failure. */
    static final InterruptionPlan.Sizing STORM = new InterruptionPlan.Sizing(PER_GROUP, PER_GROUP,
            Duration.ofSeconds(60), Duration.ofSeconds(50), Integer.MAX_VALUE, Duration.ofSeconds(120), InterruptionScenario.HOLD);
    static InterruptionSummary summary;

    @BeforeAll
    static void run() {
        var lines = new ByteArrayOutputStream();
        var timeline = new Timeline(new PrintStream(lines, true, StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        summary = InterruptionScenario.run(stormConfig(), new DemoRunner.Options("interruptions", 0,
                Duration.ofSeconds(360), 42), STORM, timeline);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(summary.text());
        System.out.println(summary.toJson());
        long nodes = summary.nodes().size();
        long interrupted = summary.nodes().stream().filter(InterruptionSummary.NodeOutcome::interrupted).count();
        System.out.printf("storm figures: %d nodes with a job (%d interrupted), storm reclaimed %s instance(s), "
                        + "%d interruption warnings (%d requeued), %d hibernations (%d survived, %d lost), "
                        + "%d jobs submitted / %d completed / %d lost, %d orphans, %d leftover instances, "
                        + "%d EC2 events (%d dead-lettered), %d ms wall (scenario %.1f s)%n",
                nodes, interrupted, summary.injected().get("storm_instances"), summary.interruptions(),
                summary.interruptionsRequeued(), summary.hibernations(), summary.hibernationsSurvived(),
                summary.hibernationsLost(), summary.jobsSubmitted(), summary.jobsCompleted(), summary.lostJobs(),
                summary.orphans(), summary.leftoverInstances(), summary.ec2EventsHandled(),
                summary.ec2EventsDeadLettered(), wall, summary.durationSeconds());
        // The timeline (every interruption, hibernation, requeue and power-save call) is kept for the record.
        try {
            Files.writeString(Path.of("target", "interruption-storm-timeline.txt"), lines.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!summary.ok()) {
            System.out.println(lines.toString(StandardCharsets.UTF_8));
        }
    }

    /** The example with both target groups at {@link #PER_GROUP} nodes. */
    static ClusterConfig stormConfig() {
        var example = ExampleConfig.load();
        return new ClusterConfig(example.partitions().stream().map(p -> new PartitionConfig(p.partitionName(),
                p.nodeGroups().stream().map(g -> g.purchasingOption() == dev.spotburst.model.Market.SPOT
                        ? sized(g, PER_GROUP) : g).toList(), p.partitionOptions())).toList(), example.plugin());
    }

    static NodeGroupConfig sized(NodeGroupConfig g, int n) {
        return new NodeGroupConfig(g.partitionName(), g.nodeGroupName(), n, g.region(), g.profileName(),
                g.purchasingOption(), g.onDemandOptions(), g.spotOptions(), g.launchTemplate(),
                g.launchTemplateOverrides(), g.subnetIds(), g.tags(), g.slurmSpecifications(), g.spotburst());
    }

    @Test
    void twoHundredNodesInterruptedAtOnceLeaveNoOrphanAndLoseNoJob() {
        assertThat(summary.nodes()).as("nodes running a job when the interruptions began").hasSize(2 * PER_GROUP);
        assertThat(summary.injected().get("storm_instances")).as("instances the storm reclaimed")
                .isGreaterThanOrEqualTo(2 * PER_GROUP - 2); // phase A's hibernated node may still be asleep
        assertThat(summary.orphans()).as("orphans").isZero();
        assertThat(summary.leftoverInstances()).as("leftover instances").isZero();
        assertThat(summary.lostJobs()).as("lost jobs").isZero();
        assertThat(summary.jobsCompleted()).isEqualTo(summary.jobsSubmitted());
        assertThat(summary.ec2EventsDeadLettered()).isZero();
        assertThat(summary.handlerErrors()).isZero();
        assertThat(summary.ok()).isTrue();
    }

    @Test
    void hibernatedJobsAreNeverRequeuedAndTerminatedOnesAre() {
        var hib = summary.nodes().stream().filter(n -> n.behaviour().equals("hibernate") && n.interrupted()).toList();
        var term = summary.nodes().stream().filter(n -> n.behaviour().equals("terminate") && n.interrupted()).toList();
        assertThat(hib).hasSizeGreaterThanOrEqualTo(PER_GROUP - 1).allSatisfy(n -> {
            assertThat(n.instanceAfter()).as(n.node()).isEqualTo(n.instanceBefore());
            assertThat(n.ipAfter()).as(n.node()).isEqualTo(n.ipBefore());
            assertThat(n.jobRestarts()).as(n.node() + " job neither killed nor requeued").isZero();
            assertThat(n.jobState()).isEqualTo("COMPLETED");
        });
        assertThat(term).hasSizeGreaterThanOrEqualTo(PER_GROUP - 1).allSatisfy(n -> {
            assertThat(n.jobState()).isEqualTo("COMPLETED");
            assertThat(n.instanceAtEnd()).as(n.node()).isIn("terminated", "gone");
        });
        assertThat(summary.hibernationsLost()).isZero();
        assertThat(summary.hibernationsSurvived()).isEqualTo(summary.hibernations());
        assertThat(summary.hibernations()).isGreaterThanOrEqualTo(PER_GROUP);
        assertThat(summary.interruptionsRequeued()).isGreaterThanOrEqualTo(PER_GROUP);
    }
}
