package dev.spotburst.shims.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {

    static final String MINIMAL = """
            {"cluster":"c1","region":"eu-west-1",
             "requestsQueueUrl":"https://sqs.eu-west-1.amazonaws.com/1/requests.fifo",
             "commandsQueueUrl":"https://sqs.eu-west-1.amazonaws.com/1/commands.fifo",
             "reportsQueueUrl":"https://sqs.eu-west-1.amazonaws.com/1/reports"}
            """;

    @Test
    void defaults_fill_what_is_absent() {
        var s = SettingsLoader.parse(MINIMAL, "t");

        assertThat(s.spoolDir()).isEqualTo(Path.of("/var/spool/spotburst"));
        assertThat(s.slurmConf()).isEqualTo(Path.of("/etc/slurm/slurm.conf"));
        assertThat(s.scontrol()).isEqualTo(Path.of("/usr/bin/scontrol"));
        assertThat(s.snapshotInterval()).isEqualTo(Duration.ofSeconds(180));
        assertThat(s.commandsDlqUrl()).isNull();
    }

    @Test
    void errors_name_the_field_and_value() {
        assertThatThrownBy(() -> SettingsLoader.parse("{\"region\":\"x\"}", "f.json"))
                .hasMessageContaining("f.json").hasMessageContaining("'cluster'");
        assertThatThrownBy(() -> SettingsLoader.parse(MINIMAL.replace("https://sqs.eu-west-1.amazonaws.com/1/reports", "reports"), "f"))
                .hasMessageContaining("'reportsQueueUrl'").hasMessageContaining("'reports'");
        assertThatThrownBy(() -> SettingsLoader.parse(MINIMAL.replace("{\"cluster\"", "{\"spoolDir\":\"rel\",\"cluster\""), "f"))
                .hasMessageContaining("'spoolDir' must be an absolute path, got 'rel'");
        assertThatThrownBy(() -> SettingsLoader.parse(MINIMAL.replace("{\"cluster\"", "{\"snapshotIntervalSeconds\":1,\"cluster\""), "f"))
                .hasMessageContaining("snapshotIntervalSeconds");
    }

    @Test
    void file_choice_explicit_then_env_then_default() {
        assertThat(SettingsLoader.choose(Path.of("/a"), Map.of(SettingsLoader.ENV, "/b"))).isEqualTo(Path.of("/a"));
        assertThat(SettingsLoader.choose(null, Map.of(SettingsLoader.ENV, "/b"))).isEqualTo(Path.of("/b"));
        assertThat(SettingsLoader.choose(null, Map.of())).isEqualTo(HeadNodeSettings.DEFAULT_FILE);
    }

    @Test
    void missing_file_says_how_to_point_at_one() {
        assertThatThrownBy(() -> SettingsLoader.load(Path.of("/nonexistent/head-node.json")))
                .hasMessageContaining("does not exist").hasMessageContaining("--settings");
    }
}
