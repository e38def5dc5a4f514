package dev.spotburst.functions.state.dynamo;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.NodeTransition;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DynamoStateStore#transitionAll} against DynamoDB Local: more items than one transaction holds, each keeping
 * its own condition; a cancelled transaction settles only the items whose condition failed and writes the rest.
 */
class TransactionalTransitionsIT {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static AmazonDynamoDBLocal local;
    static DynamoStateStore store;

    @BeforeAll
    static void start() {
        LocalTable.ensureTmpDir();
        local = DynamoDBEmbedded.create(true);
        LocalTable.create(local.dynamoDbClient(), "spotburst");
        store = new DynamoStateStore(local.dynamoDbClient(), "spotburst");
    }

    @AfterAll
    static void stop() {
        local.shutdown();
    }

    @Test
    void writesEveryItemAcrossSeveralTransactions() {
        var nodes = IntStream.range(0, 250).mapToObj(i -> NodeName.parse("batch-tx-" + i)).toList();
        var ts = nodes.stream().map(n -> NodeRecord.initial(n)).map(r -> new NodeTransition(r, r.resuming(T, T))).toList();

        assertThat(store.transitionAll(ts)).hasSize(250).containsOnly(true);

        var stored = store.nodeRecords(nodes);
        assertThat(stored.values()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(NodeState.RESUMING);
            assertThat(r.version()).isEqualTo(1);
        });
        assertThat(store.transitionAll(ts)).as("creating them again loses every condition").containsOnly(false);
    }

    @Test
    void staleItemsFailAloneAndTheOthersAreWritten() {
        var nodes = IntStream.range(0, 150).mapToObj(i -> NodeName.parse("batch-mix-" + i)).toList();
        var created = store.transitionAll(nodes.stream().map(NodeRecord::initial)
                .map(r -> new NodeTransition(r, r.resuming(T, T))).toList());
        assertThat(created).containsOnly(true);
        var current = new ArrayList<>(store.nodeRecords(nodes).values());
        // Another writer moves three nodes on (one in each of the two transactions, one at the very end).
        for (int i : List.of(3, 120, 149)) {
            var r = current.get(i);
            assertThat(store.transition(r, r.failed("elsewhere", T))).isTrue();
        }
        var ts = current.stream().map(r -> new NodeTransition(r, r.failed("launch failed", T))).toList();

        var written = store.transitionAll(ts);

        for (int i = 0; i < nodes.size(); i++) {
            boolean stale = i == 3 || i == 120 || i == 149;
            assertThat(written.get(i)).as("item %d", i).isEqualTo(!stale);
            var now = store.node(nodes.get(i));
            assertThat(now.reason()).as("item %d", i).isEqualTo(stale ? "elsewhere" : "launch failed");
            assertThat(now.version()).isEqualTo(2);
        }
    }

    @Test
    void emptyBatchWritesNothing() {
        assertThat(store.transitionAll(List.of())).isEmpty();
    }
}
