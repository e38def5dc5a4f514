package dev.spotburst.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeNameTest {

    @Test
    void parsesAndFormats() {
        NodeName n = NodeName.parse("batch-spot-12");
        assertThat(n.partition()).isEqualTo("batch");
        assertThat(n.nodeGroup()).isEqualTo("spot");
        assertThat(n.index()).isEqualTo(12);
        assertThat(n.group()).isEqualTo(new NodeGroupId("batch", "spot"));
        assertThat(n).hasToString("batch-spot-12").isEqualTo(NodeName.of("batch", "spot", 12));
        assertThat(NodeName.parse("Q1-g2-0")).isEqualTo(new NodeGroupId("Q1", "g2").node(0));
        assertThat(NodeName.parse("a-b-999999999").index()).isEqualTo(999_999_999);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "batch", "batch-spot", "batch-spot-", "batch-spot-01", "batch-spot--1", "batch-spot-x",
            "batch_x-spot-1", "a-b-c-1", "batch-spot-1 ", "-spot-1", "batch-spot-1234567890"})
    void rejectsWhatIsNotANodeName(String text) {
        assertThat(NodeName.isNodeName(text)).isFalse();
        assertThatThrownBy(() -> NodeName.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a spotburst node name (expected <partition>-<nodegroup>-<index>): '" + text + "'");
    }

    @ParameterizedTest
    @NullSource
    void rejectsNull(String text) {
        assertThat(NodeName.isNodeName(text)).isFalse();
        assertThatThrownBy(() -> NodeName.parse(text)).hasMessageEndingWith("'null'");
    }

    @Test
    void rejectsBadParts() {
        assertThatThrownBy(() -> NodeName.of("batch", "spot", -1)).hasMessage("node index must be >= 0, got -1");
        assertThatThrownBy(() -> NodeName.of("bat-ch", "spot", 1))
                .hasMessage("partition name must match ^[a-zA-Z0-9]+$, got 'bat-ch'");
        assertThatThrownBy(() -> new NodeName(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ordersByGroupThenNumericIndex() {
        List<NodeName> names = new ArrayList<>(List.of(NodeName.parse("b-x-1"), NodeName.parse("a-y-10"),
                NodeName.parse("a-y-9"), NodeName.parse("a-x-2")));
        Collections.sort(names);
        assertThat(names).extracting(NodeName::toString).containsExactly("a-x-2", "a-y-9", "a-y-10", "b-x-1");
    }

    @Test
    void formatParseRoundTrip() {
        for (int i : new int[]{0, 1, 9, 10, 4095, 999_999_999}) {
            NodeName n = NodeName.of("gpu", "ondemand", i);
            assertThat(NodeName.parse(n.toString())).isEqualTo(n);
        }
    }
}
