package dev.spotburst.functions;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    static Map<String, String> env() {
        var m = new HashMap<String, String>();
        m.put("SPOTBURST_CLUSTER", "demo");
        m.put("SPOTBURST_TABLE", "spotburst-demo");
        m.put("SPOTBURST_REQUESTS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/requests.fifo");
        m.put("SPOTBURST_REQUESTS_DLQ_URL", "http://127.0.0.1:9324/000000000000/requests-dlq.fifo");
        m.put("SPOTBURST_COMMANDS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/commands.fifo");
        m.put("SPOTBURST_REPORTS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/reports");
        m.put("SPOTBURST_CONFIG_DIR", "/opt/spotburst");
        return m;
    }

    @Test
    void readsEverySetting() {
        var s = Settings.from(env());
        assertThat(s.cluster()).isEqualTo("demo");
        assertThat(s.configDir()).isEqualTo(Path.of("/opt/spotburst"));
        assertThat(s.launchStateMachineArn()).isEmpty();
    }

    @Test
    void namesEveryBadVariableAtOnce() {
        var e = env();
        e.remove("SPOTBURST_TABLE");
        e.put("SPOTBURST_COMMANDS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/commands");
        e.put("SPOTBURST_STATE_MACHINE_LAUNCH", "launch");
        assertThatThrownBy(() -> Settings.from(e)).hasMessageContaining("SPOTBURST_TABLE is required")
                .hasMessageContaining("SPOTBURST_COMMANDS_QUEUE_URL must name a FIFO queue")
                .hasMessageContaining("SPOTBURST_STATE_MACHINE_LAUNCH must be a state machine ARN, got 'launch'");
    }
}
