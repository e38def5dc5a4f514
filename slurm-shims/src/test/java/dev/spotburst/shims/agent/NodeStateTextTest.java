package dev.spotburst.shims.agent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStateTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "IDLE+CLOUD+POWERED_DOWN+NOT_RESPONDING | IDLE      | CLOUD POWERED_DOWN NOT_RESPONDING",
            "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP | ALLOCATED | CLOUD NOT_RESPONDING POWERING_UP",
            "DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING | DOWN      | CLOUD POWERED_DOWN NOT_RESPONDING",
            "IDLE+DRAIN+CLOUD                       | IDLE      | DRAIN CLOUD",
            "MIXED                                  | MIXED     | ''",
    })
    void long_form(String text, String base, String flags) {
        var s = NodeStateText.parseLong(text);
        assertThat(s.base()).isEqualTo(base);
        assertThat(s.flags()).isEqualTo(set(flags));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "idle~     | IDLE      | POWERED_DOWN",
            "down~     | DOWN      | POWERED_DOWN",
            "down*     | DOWN      | NOT_RESPONDING",
            "idle*     | IDLE      | NOT_RESPONDING",
            "idle#     | IDLE      | POWERING_UP",
            "allocated# | ALLOCATED | POWERING_UP",
            "idle%     | IDLE      | POWERING_DOWN",
            "idle!     | IDLE      | POWER_DOWN",
            "down!     | DOWN      | POWER_DOWN",
            "drained!  | IDLE      | DRAIN POWER_DOWN",
            "draining! | ALLOCATED | DRAIN POWER_DOWN",
            "draining* | ALLOCATED | DRAIN NOT_RESPONDING",
            "drained*  | IDLE      | DRAIN NOT_RESPONDING",
            "completing! | COMPLETING | POWER_DOWN",
            "alloc     | ALLOCATED | ''",
            "mix       | MIXED     | ''",
            "idle      | IDLE      | ''",
    })
    void compact_form(String text, String base, String flags) {
        var s = NodeStateText.parseCompact(text);
        assertThat(s.base()).isEqualTo(base);
        assertThat(s.flags()).isEqualTo(set(flags));
    }

    @ParameterizedTest
    @CsvSource({"DOWN+CLOUD, true", "IDLE+DRAIN, true", "IDLE+CLOUD+POWERED_DOWN, false", "IDLE+CLOUD+POWERING_UP, false",
            "ALLOCATED+FAIL, true"})
    void unusable(String text, boolean expected) {
        assertThat(NodeStateText.unusable(NodeStateText.parseLong(text))).isEqualTo(expected);
    }

    private static Set<String> set(String words) {
        return Arrays.stream(words.trim().split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}
