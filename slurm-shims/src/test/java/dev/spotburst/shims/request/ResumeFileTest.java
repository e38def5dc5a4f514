package dev.spotburst.shims.request;

import dev.spotburst.messages.PowerSaveRequest.JobNodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumeFileTest {

    @Test
    void reads_the_22_05_layout_seen_on_this_machine() {
        var c = ResumeFile.parse("{\"jobs\":[{\"job_id\":1,\"nodes\":\"aws-cpu-0\"}],\"all_nodes\":\"aws-cpu-0\"}");

        assertThat(c.jobs()).containsExactly(new JobNodes(1, "aws-cpu-0"));
        assertThat(c.allNodes()).isEqualTo("aws-cpu-0");
    }

    @Test
    void reads_the_23_02_layout_with_its_extra_fields() {
        var c = ResumeFile.parse("""
                {"all_nodes_resume":"cloud[1-3,7-8]",
                 "jobs":[{"extra":"An arbitrary string from --extra","features":"c1,c2","job_id":140814,
                          "nodes_alloc":"cloud[1-4]","nodes_resume":"cloud[1-3]","oversubscribe":"OK",
                          "partition":"cloud","reservation":"resv_1234"},
                         {"extra":null,"features":null,"job_id":140815,"nodes_alloc":"cloud[7-8]",
                          "nodes_resume":"cloud[7-8]","oversubscribe":"NO","partition":"cloud","reservation":null}]}
                """);

        assertThat(c.jobs()).containsExactly(new JobNodes(140814, "cloud[1-3]"), new JobNodes(140815, "cloud[7-8]"));
        assertThat(c.allNodes()).isEqualTo("cloud[1-3,7-8]");
    }

    @Test
    void a_job_with_nothing_to_resume_is_skipped() {
        var c = ResumeFile.parse("{\"all_nodes_resume\":\"a-b-0\",\"jobs\":[{\"job_id\":5,\"nodes_alloc\":\"a-b-1\"},"
                + "{\"job_id\":6,\"nodes_resume\":\"a-b-0\"}]}");

        assertThat(c.jobs()).containsExactly(new JobNodes(6, "a-b-0"));
    }

    @Test
    void no_jobs_key_means_no_jobs() {
        assertThat(ResumeFile.parse("{\"all_nodes\":\"a-b-0\"}").jobs()).isEmpty();
    }

    @Test
    void bad_input_names_the_field() {
        assertThatThrownBy(() -> ResumeFile.parse("{\"jobs\":[{\"job_id\":\"x\",\"nodes\":\"n\"}]}"))
                .hasMessageContaining("jobs[0].job_id");
        assertThatThrownBy(() -> ResumeFile.parse("{\"jobs\":{}}")).hasMessageContaining("'jobs' must be an array");
        assertThatThrownBy(() -> ResumeFile.parse("not json")).hasMessageContaining("not valid JSON");
    }
}
