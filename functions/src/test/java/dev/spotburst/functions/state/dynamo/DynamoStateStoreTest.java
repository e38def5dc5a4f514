package dev.spotburst.functions.state.dynamo;

import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact conditions every write carries: transitions only from the state and version that were read. */
class DynamoStateStoreTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static final NodeName N = NodeName.parse("batch-spot-3");

    @Test
    void firstWriteOfANodeMayOnlyCreate() {
        var initial = NodeRecord.initial(N);
        var req = DynamoStateStore.nodeTransition("t", initial, initial.resuming(T, T));
        assertThat(req.conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        assertThat(req.item()).containsEntry("pk", AttributeValue.fromS("NODE#batch-spot"))
                .containsEntry("sk", AttributeValue.fromS("batch-spot-3"))
                .containsEntry("state", AttributeValue.fromS("RESUMING"))
                .containsEntry("version", AttributeValue.fromN("1"))
                .doesNotContainKey("gsi1pk");
    }

    @Test
    void laterTransitionsAreConditionalOnStateAndVersion() {
        var resuming = NodeRecord.initial(N).resuming(T, T);
        var launched = resuming.launched(new dev.spotburst.functions.state.InstanceBinding("i-1", null,
                dev.spotburst.model.Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.1"), T);
        var req = DynamoStateStore.nodeTransition("t", resuming, launched);
        assertThat(req.conditionExpression()).isEqualTo("#state = :expectedState AND #version = :expectedVersion");
        assertThat(req.expressionAttributeNames()).isEqualTo(Map.of("#state", "state", "#version", "version"));
        assertThat(req.expressionAttributeValues()).isEqualTo(Map.of(
                ":expectedState", AttributeValue.fromS("RESUMING"), ":expectedVersion", AttributeValue.fromN("1")));
        assertThat(req.item()).containsEntry("gsi1pk", AttributeValue.fromS("INSTANCE#i-1"))
                .containsEntry("version", AttributeValue.fromN("2"));
    }

    @Test
    void groupUpdatesAreVersioned() {
        var g0 = NodeGroupRecord.initial(NodeGroupId.parse("batch-spot"));
        var g1 = g0.bootFailed(10, T);
        assertThat(DynamoStateStore.groupUpdate("t", g0, g1).conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        var req = DynamoStateStore.groupUpdate("t", g1, g1.bootSucceeded(T));
        assertThat(req.conditionExpression()).isEqualTo("#version = :expectedVersion");
        assertThat(req.expressionAttributeValues()).containsEntry(":expectedVersion", AttributeValue.fromN("1"));
    }

    @Test
    void countersAreAtomicAdds() {
        var req = DynamoStateStore.counterUpdate("t", NodeGroupId.parse("batch-hib"), "hibernationsSurvived", 1);
        assertThat(req.updateExpression()).isEqualTo("ADD #c :d");
        assertThat(req.expressionAttributeNames()).containsEntry("#c", "hibernationsSurvived");
        assertThat(req.key()).containsEntry("pk", AttributeValue.fromS("COUNTERS")).containsEntry("sk", AttributeValue.fromS("batch-hib"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DynamoStateStore.counterUpdate("t",
                NodeGroupId.parse("batch-hib"), "bad name", 1)).hasMessageContaining("counter name");
    }
}
