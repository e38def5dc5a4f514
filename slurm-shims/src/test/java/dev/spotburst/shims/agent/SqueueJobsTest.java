package dev.spotburst.shims.agent;

import dev.spotburst.messages.SlurmSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqueueJobsTest {

    @Test
    void expands_hostlists_and_skips_pending_jobs() {
        String out = """
                101 aws-cpu-[0-2]
                102 aws-cpu-1,aws-gpu-0
                103\s
                104
                17 aws-cpu-1

                """;

        assertThat(SqueueJobs.byNode(out)).isEqualTo(Map.of(
                "aws-cpu-0", List.of(101L),
                "aws-cpu-1", List.of(17L, 101L, 102L),
                "aws-cpu-2", List.of(101L),
                "aws-gpu-0", List.of(102L)));
    }

    @Test
    void no_jobs_is_an_empty_map() {
        assertThat(SqueueJobs.byNode("")).isEmpty();
    }

    @Test
    void rejects_lines_that_are_not_squeue_output_naming_the_line() {
        assertThatThrownBy(() -> SqueueJobs.byNode("JOBID NODELIST\n"))
                .hasMessageContaining("'JOBID NODELIST'");
        assertThatThrownBy(() -> SqueueJobs.byNode("5 aws-cpu-[3-1]\n"))
                .hasMessageContaining("aws-cpu-[3-1]");
    }

    @Test
    void attaches_jobs_to_their_nodes() {
        var nodes = List.of(new SlurmSnapshot.Node("aws-cpu-0", "ALLOCATED", Set.of("CLOUD"), null, null, List.of()),
                new SlurmSnapshot.Node("aws-cpu-1", "IDLE", Set.of("CLOUD"), null, null, List.of()));

        var withJobs = SqueueJobs.attach(nodes, Map.of("aws-cpu-0", List.of(7L, 9L), "head-0", List.of(1L)));

        assertThat(withJobs).extracting(SlurmSnapshot.Node::jobs).containsExactly(List.of(7L, 9L), List.of());
    }
}
