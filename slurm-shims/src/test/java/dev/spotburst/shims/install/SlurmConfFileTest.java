package dev.spotburst.shims.install;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlurmConfFileTest {

    @Test
    void keys_are_case_insensitive_last_wins_comments_and_node_lines_skipped() {
        var f = SlurmConfFile.parse("""
                slurmdtimeout=30  # short
                SlurmdTimeout=0
                #PrivateData=cloud
                NodeName=a-b-[0-3] State=CLOUD
                Include /etc/slurm/spotburst.conf
                """);

        assertThat(f.get("SlurmdTimeout")).contains("0");
        assertThat(f.get("PrivateData")).isEmpty();
        assertThat(f.get("State")).isEmpty();
        assertThat(f.includes()).containsExactly("/etc/slurm/spotburst.conf");
    }

    @Test
    void version_parsing() {
        assertThat(SlurmVersion.parse("slurm-wlm 22.05.8")).containsExactly(22, 5);
        assertThat(SlurmVersion.parse("23.02")).containsExactly(23, 2);
    }
}
