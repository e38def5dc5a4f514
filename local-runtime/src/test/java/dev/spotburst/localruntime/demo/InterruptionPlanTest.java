package dev.spotburst.localruntime.demo;

import dev.spotburst.localruntime.ExampleConfig;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.NodeGroupId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

    @Test
    void aStormSizingGivesEveryNodeOfBothGroupsALongJobCappedAtMaxNodes() {
        var storm = new InterruptionPlan.Sizing(100, 100, Duration.ofSeconds(60), Duration.ofSeconds(50),
                Integer.MAX_VALUE, Duration.ofSeconds(120), Duration.ofSeconds(5));
        var plan = InterruptionPlan.of(InterruptionStormDemoIT.stormConfig(), storm);
        assertThat(plan.targets()).containsExactly(
                new InterruptionPlan.Target(NodeGroupId.parse("batch-spot"), InterruptionBehavior.HIBERNATE, 100),
                new InterruptionPlan.Target(NodeGroupId.parse("short-spot"), InterruptionBehavior.TERMINATE, 100));
        assertThat(plan.jobs()).hasSize(204);
        assertThat(plan.jobs().stream().filter(j -> j.duration().equals(Duration.ofSeconds(60)))).hasSize(100);
        // The example's own sizes cap the plan: short-spot has MaxNodes 32.
        assertThat(InterruptionPlan.of(ExampleConfig.load(), storm).targets())
                .extracting(InterruptionPlan.Target::nodes).containsExactly(64, 32);
    }

    @Test
    void sizingRejectsWhatCannotRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InterruptionPlan.Sizing(
                1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(20), Duration.ZERO)).withMessageContaining("stormLimit");
        assertThatIllegalArgumentException().isThrownBy(() -> new InterruptionPlan.Sizing(
                1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO)).withMessageContaining("resumeTimeout");
    }
}
