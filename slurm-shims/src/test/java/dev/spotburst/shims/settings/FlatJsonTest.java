package dev.spotburst.shims.settings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlatJsonTest {

    @Test
    void scalars() {
        var m = FlatJson.parse("{\"s\":\"x\",\"i\":5,\"d\":1.5,\"b\":true,\"n\":null}", "t");

        assertThat(m).containsEntry("s", "x").containsEntry("i", 5L).containsEntry("d", 1.5).containsEntry("b", true)
                .containsEntry("n", null);
    }

    @Test
    void nested_values_and_garbage_are_named() {
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":{\"b\":1}}", "f.json")).hasMessageContaining("field 'a'")
                .hasMessageContaining("f.json");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":1} x", "f.json")).isInstanceOf(SettingsException.class);
        assertThatThrownBy(() -> FlatJson.parse("[1]", "f.json")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":", "f.json")).hasMessageContaining("not valid JSON");
    }
}
