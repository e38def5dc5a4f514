package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandResult.Outcome;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScontrolOutcomesTest {

    static final ProcessResult INVALID_STATE =
            ProcessResult.failed(1, "slurm_update error: Invalid node state specified\n");

    static SlurmSnapshot.Node node(String state, Set<String> flags, String reason) {
        return new SlurmSnapshot.Node("aws-cpu-0", state, flags, reason, null, List.of());
    }

    @Test
    void rc_zero_is_applied() {
        var j = ScontrolOutcomes.judge(new SlurmCommand.NodeDrain("n", "r"), ProcessResult.ok(""), null);
        assertThat(j.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(j.detail()).isNull();
    }

    @Test
    void timeout_is_failed() {
        var j = ScontrolOutcomes.judge(new SlurmCommand.NodeDrain("n", "r"), new ProcessResult(-1, "", "", true), null);
        assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(j.detail()).contains("timed out");
    }

    @Test
    void job_already_in_the_wanted_state_is_already_done() {
        assertThat(ScontrolOutcomes.judge(new SlurmCommand.JobResume(5),
                ProcessResult.failed(1, "scontrol: error: Job is not suspended\n"), null).outcome())
                .isEqualTo(Outcome.ALREADY_DONE);
        assertThat(ScontrolOutcomes.judge(new SlurmCommand.JobSuspend(5),
                ProcessResult.failed(1, "Job is current suspended, requested operation disabled"), null).outcome())
                .isEqualTo(Outcome.ALREADY_DONE);
        assertThat(ScontrolOutcomes.judge(new SlurmCommand.JobRequeue(5, null),
                ProcessResult.failed(1, "Job is pending execution"), null).outcome())
                .isEqualTo(Outcome.ALREADY_DONE);
    }

    @Test
    void other_errors_fail_with_the_text() {
        var j = ScontrolOutcomes.judge(new SlurmCommand.JobRequeue(5, null),
                ProcessResult.failed(1, "Invalid job id specified"), null);
        assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(j.detail()).contains("Invalid job id specified").contains("exit 1");
    }

    @Test
    void clear_reason_on_powered_down_node_counts_when_the_reason_is_gone() {
        var cmd = new SlurmCommand.NodeClearReason("aws-cpu-0");
        assertThat(ScontrolOutcomes.needsNodeCheck(cmd, INVALID_STATE)).isTrue();

        var cleared = ScontrolOutcomes.judge(cmd, INVALID_STATE,
                List.of(node("IDLE", Set.of("CLOUD", "POWERED_DOWN"), null)));
        var kept = ScontrolOutcomes.judge(cmd, INVALID_STATE,
                List.of(node("IDLE", Set.of("CLOUD", "POWERED_DOWN"), "Not responding")));

        assertThat(cleared.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(kept.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(kept.detail()).contains("Not responding");
    }

    @Test
    void resume_refused_on_a_usable_node_is_already_done_but_not_on_a_down_one() {
        var cmd = new SlurmCommand.NodeResume("aws-cpu-0");

        assertThat(ScontrolOutcomes.judge(cmd, INVALID_STATE, List.of(node("IDLE", Set.of("CLOUD"), null))).outcome())
                .isEqualTo(Outcome.ALREADY_DONE);
        assertThat(ScontrolOutcomes.judge(cmd, INVALID_STATE,
                List.of(node("DOWN", Set.of("CLOUD", "NOT_RESPONDING"), "x"))).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ScontrolOutcomes.judge(cmd, INVALID_STATE, null).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void invalid_state_on_other_commands_needs_no_check_and_fails() {
        var cmd = new SlurmCommand.NodeDrain("aws-cpu-0", "r");
        assertThat(ScontrolOutcomes.needsNodeCheck(cmd, INVALID_STATE)).isFalse();
        assertThat(ScontrolOutcomes.judge(cmd, INVALID_STATE, null).outcome()).isEqualTo(Outcome.FAILED);
    }
}
