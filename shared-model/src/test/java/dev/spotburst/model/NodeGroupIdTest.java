package dev.spotburst.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeGroupIdTest {

    @Test
    void parsesAndFormats() {
        NodeGroupId id = NodeGroupId.parse("batch-spot");
        assertThat(id.partition()).isEqualTo("batch");
        assertThat(id.nodeGroup()).isEqualTo("spot");
        assertThat(id).hasToString("batch-spot");
        assertThat(id.node(3)).hasToString("batch-spot-3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch", "a-b-c", ""})
    void rejectsWrongShape(String text) {
        assertThatThrownBy(() -> NodeGroupId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void shapeErrorsAndNameErrorsAreDistinct() {
        assertThatThrownBy(() -> NodeGroupId.parse("batch"))
                .hasMessage("not a node group id (expected <partition>-<nodegroup>): 'batch'");
        assertThatThrownBy(() -> NodeGroupId.parse(null))
                .hasMessage("not a node group id (expected <partition>-<nodegroup>): 'null'");
        assertThatThrownBy(() -> NodeGroupId.parse("-spot"))
                .hasMessage("partition name must match ^[a-zA-Z0-9]+$, got ''");
        assertThatThrownBy(() -> NodeGroupId.parse("batchspot-"))
                .hasMessage("node group name must match ^[a-zA-Z0-9]+$, got ''");
        assertThatThrownBy(() -> NodeGroupId.parse("batch-sp_ot"))
                .hasMessage("node group name must match ^[a-zA-Z0-9]+$, got 'sp_ot'");
        assertThatThrownBy(() -> new NodeGroupId(null, "spot"))
                .hasMessage("partition name must match ^[a-zA-Z0-9]+$, got 'null'");
    }

    @Test
    void ordersByPartitionThenGroup() {
        assertThat(NodeGroupId.parse("a-z")).isLessThan(NodeGroupId.parse("b-a"));
        assertThat(NodeGroupId.parse("a-a")).isLessThan(NodeGroupId.parse("a-b"));
        assertThat(NodeGroupId.parse("a-b")).isEqualByComparingTo(new NodeGroupId("a", "b"));
    }
}
