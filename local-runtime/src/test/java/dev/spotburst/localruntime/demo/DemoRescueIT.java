package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeGroupExtensions;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.localruntime.ExampleConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rescue end to end: the interruptions scenario over the example with {@code batch-spot} at
 * {@code MaxHibernationMinutes=1}, and phase A's hibernated node's Spot pool kept empty for 90 s (its neighbours'
 * jobs run 150 s, so none of them frees a slot there meanwhile). The control plane
 * (reconcile tick and hibernation workflow, docs/rescue.md) moves the node onto an On-Demand twin of the same type
 * with the hibernated root volume; the simulated slurmd follows the memory to the twin, Slurm is told the new
 * address, and the job continues there without a restart. Nothing leaks.
 */
class DemoRescueIT {
    static InterruptionSummary summary;
    static String timeline;

    static ClusterConfig rescueAfterOneMinute() {
        var example = ExampleConfig.load();
        return new ClusterConfig(example.partitions().stream().map(p -> new PartitionConfig(p.partitionName(),
                p.nodeGroups().stream().map(g -> g.hibernates() ? withMaxHibernationMinutes(g, 1) : g).toList(),
                p.partitionOptions())).toList(), example.plugin());
    }

    static NodeGroupConfig withMaxHibernationMinutes(NodeGroupConfig g, int minutes) {
        var x = g.spotburst();
        return new NodeGroupConfig(g.partitionName(), g.nodeGroupName(), g.maxNodes(), g.region(), g.profileName(),
                g.purchasingOption(), g.onDemandOptions(), g.spotOptions(), g.launchTemplate(),
                g.launchTemplateOverrides(), g.subnetIds(), g.tags(), g.slurmSpecifications(),
                new NodeGroupExtensions(x.minNodes(), x.weight(), x.fallbackToOnDemand(), x.fallbackAfterSeconds(),
                        minutes, x.rebalanceAction(), x.capacityCooldownSeconds()));
    }

    @BeforeAll
    static void run() {
        var lines = new ByteArrayOutputStream();
        var d = InterruptionPlan.Sizing.DEMO;
        // The other hibernating nodes' jobs outlast the hold: an instance of theirs ending would free a slot in the
        // held pool, and the persistent request would restart the hibernated instance at once (as EC2 would).
        var sizing = new InterruptionPlan.Sizing(d.hibernateJobs(), d.terminateJobs(), Duration.ofSeconds(150),
                d.terminateWork(), d.stormLimit(), d.resumeTimeout(), Duration.ofSeconds(90));
        summary = InterruptionScenario.run(rescueAfterOneMinute(), new DemoRunner.Options("interruptions", 0,
                Duration.ofSeconds(330), 42), sizing, new Timeline(new PrintStream(lines, true, StandardCharsets.UTF_8)));
        timeline = lines.toString(StandardCharsets.UTF_8);
        System.out.println(timeline);
        System.out.println(summary.text());
    }

    @Test
    void theLongHibernatedNodeMovesToOnDemandAndItsJobCompletesWithoutARestart() {
        assertThat(summary.rescue()).startsWith("rescued 1 node(s) onto On-Demand");
        var rescued = summary.nodes().stream().filter(n -> n.behaviour().equals("hibernate") && n.instanceAfter() != null
                && !n.instanceAfter().equals(n.instanceBefore())).toList();
        assertThat(rescued).singleElement().satisfies(n -> {
            assertThat(n.jobState()).isEqualTo("COMPLETED");
            assertThat(n.jobRestarts()).as("job neither killed nor requeued").isZero();
            assertThat(n.jobPauses()).isPositive();
            assertThat(n.slurmAddressAfter()).as("Slurm told the twin's address").isEqualTo(n.ipAfter());
            assertThat(n.instanceAtEnd()).as("the Spot instance").isIn("terminated", "gone");
        });
        assertThat(timeline).contains("thawed on instance " + rescued.getFirst().instanceAfter());
    }

    @Test
    void nothingLeaksAndNoJobIsLost() {
        assertThat(summary.orphans()).isZero();
        assertThat(summary.leftoverInstances()).isZero();
        assertThat(summary.lostJobs()).isZero();
        assertThat(summary.hibernationsLost()).isZero();
        assertThat(summary.handlerErrors()).isZero();
        assertThat(summary.ok()).isTrue();
    }
}
