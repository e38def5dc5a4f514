package dev.spotburst.functions.state.dynamo;

import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction a batch of node transitions becomes: the same item and condition per node as its PutItem. */
class TransactionCallsTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void eachActionKeepsItsOwnConditionAndTheCallCarriesAClientToken() {
        var fresh = NodeRecord.initial(NodeName.parse("batch-od-0"));
        var stored = NodeRecord.initial(NodeName.parse("batch-od-1")).resuming(T, T);
        var create = DynamoStateStore.nodeTransition("t", fresh, fresh.resuming(T, T));
        var update = DynamoStateStore.nodeTransition("t", stored, stored.failed("no capacity", T));

        var req = TransactionCalls.request(List.of(create, update));

        assertThat(req.transactItems()).hasSize(2);
        var c = req.transactItems().get(0).put();
        assertThat(c.conditionExpression()).isEqualTo(DynamoStateStore.CREATE_ONLY);
        assertThat(c.hasExpressionAttributeNames()).as("no empty maps: DynamoDB rejects them").isFalse();
        assertThat(c.item()).isEqualTo(create.item());
        var u = req.transactItems().get(1).put();
        assertThat(u.conditionExpression()).isEqualTo(DynamoStateStore.FROM_STATE_AND_VERSION);
        assertThat(u.expressionAttributeNames()).isEqualTo(update.expressionAttributeNames());
        assertThat(u.expressionAttributeValues()).isEqualTo(update.expressionAttributeValues());
        assertThat(u.tableName()).isEqualTo("t");
        assertThat(req.clientRequestToken()).isNotBlank();
        assertThat(TransactionCalls.request(List.of(create)).clientRequestToken()).isNotEqualTo(req.clientRequestToken());
    }
}
