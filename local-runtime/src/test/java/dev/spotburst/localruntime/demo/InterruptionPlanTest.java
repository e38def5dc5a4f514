package dev.spotburst.localruntime.demo;

import dev.spotburst.localruntime.ExampleConfig;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.NodeGroupId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptionPlanTest {

    @Test
    void theExampleGetsFillersForTheOnDemandNodesThenLongJobsOnBothSpotGroups() {
        var plan = InterruptionPlan.of(ExampleConfig.load());

        assertThat(plan.targets()).containsExactly(
                new InterruptionPlan.Target(NodeGroupId.parse("batch-spot"), InterruptionBehavior.HIBERNATE, 6),
                new InterruptionPlan.Target(NodeGroupId.parse("short-spot"), InterruptionBehavior.TERMINATE, 4));
        // batch: 4 fillers for batch-od (Weight 1 < 10), then 6 long jobs; short: 4 jobs, nothing preferred.
        assertThat(plan.jobs()).hasSize(14);
        assertThat(plan.jobs().subList(0, 4)).allSatisfy(j -> {
            assertThat(j.partition()).isEqualTo("batch");
            assertThat(j.duration()).isEqualTo(InterruptionPlan.FILLER);
        });
        assertThat(plan.jobs().subList(4, 10)).allSatisfy(j -> assertThat(j.duration()).isEqualTo(InterruptionPlan.HIBERNATE_WORK));
        assertThat(plan.jobs().subList(10, 14)).allSatisfy(j -> {
            assertThat(j.partition()).isEqualTo("short");
            assertThat(j.duration()).isEqualTo(InterruptionPlan.TERMINATE_WORK);
        });
        assertThat(plan.jobs()).allSatisfy(j -> {
            assertThat(j.nodes()).isEqualTo(1);
            assertThat(j.at()).isEqualTo(Duration.ZERO);
        });
        assertThat(plan.has(InterruptionBehavior.HIBERNATE)).isTrue();
    }
}
