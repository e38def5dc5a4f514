package dev.spotburst.functions.state.dynamo;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The batched reads and writes and the two-item snapshot storage, against DynamoDB Local. */
class BatchAndSnapshotIT {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static AmazonDynamoDBLocal local;
    static DynamoDbClient dynamo;
    static int tables;
    DynamoStateStore store;
    String table;

    @BeforeAll
    static void start() {
        LocalTable.ensureTmpDir();
        local = DynamoDBEmbedded.create(true);
        dynamo = local.dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        local.shutdown();
    }

    @BeforeEach
    void freshTable() {
        table = "spotburst-" + (++tables);
        LocalTable.create(dynamo, table);
        store = new DynamoStateStore(dynamo, table);
    }

    static SlurmSnapshot snapshot(Instant at, String state) {
        return new SlurmSnapshot(1, at, "demo", List.of(
                new SlurmSnapshot.Node("batch-spot-0", state, Set.of("CLOUD", "POWERED_DOWN"), null, "batch-spot-0", List.of()),
                new SlurmSnapshot.Node("batch-spot-1", "IDLE", Set.of("CLOUD"), null, "10.0.0.1", List.of(7L))));
    }

    Map<String, AttributeValue> item(String sk) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("CLUSTER"), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void nodeRecordsReadsMoreThanOneBatchAndFillsNeverWrittenNodes() {
        var names = IntStream.range(0, 250).mapToObj(i -> NodeName.parse("batch-spot-" + i)).toList();
        for (int i = 0; i < 250; i += 7) {
            var n = names.get(i);
            assertThat(store.transition(NodeRecord.initial(n), NodeRecord.initial(n).resuming(T, T))).isTrue();
        }
        var records = store.nodeRecords(names);
        assertThat(records).hasSize(250);
        assertThat(records.keySet()).containsExactlyElementsOf(names);
        for (int i = 0; i < 250; i++) {
            var r = records.get(names.get(i));
            assertThat(r).isEqualTo(i % 7 == 0 ? store.node(names.get(i)) : NodeRecord.initial(names.get(i)));
        }
        assertThat(records.get(names.get(7)).state()).isEqualTo(NodeState.RESUMING);
    }

    @Test
    void requestIdsAreMarkedAndFoundInBatches() {
        var ids = IntStream.range(0, 60).mapToObj(i -> "req-" + i).toList();
        store.markRequestsProcessed(ids.subList(0, 40), T, Duration.ofDays(2));
        assertThat(store.processedRequests(ids)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 40));
        assertThat(store.requestProcessed("req-39")).isTrue();
        assertThat(store.requestProcessed("req-40")).isFalse();
    }

    @Test
    void boundLaunchesAreRecordedInBatchesAndCloseAsUsual() {
        var launches = IntStream.range(0, 30).mapToObj(i -> new LaunchRecord("i-" + i, NodeName.parse("batch-od-" + i),
                Market.ON_DEMAND, "m5.large", "eu-west-1a", T, null)).toList();
        store.recordBoundLaunches(launches);
        store.closeLaunch("i-29", T.plusSeconds(60));
        var closed = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("LAUNCH#i-29"), "sk", AttributeValue.fromS("LAUNCH")))).item();
        assertThat(closed.get("endedAt").s()).isEqualTo(T.plusSeconds(60).toString());
        assertThat(closed.get("node").s()).isEqualTo("batch-od-29");
        var open = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("LAUNCH#i-0"), "sk", AttributeValue.fromS("LAUNCH")))).item();
        assertThat(open).containsKey("gsi1pk").doesNotContainKey("endedAt");
    }

    @Test
    void unchangedSnapshotsOnlyMoveTheMarkerAndReadBackWithTheNewestTime() {
        store.saveSlurmSnapshot(snapshot(T, "IDLE"));
        var body = item(SnapshotItems.SEEN_SK.replace("#SEEN", ""));
        assertThat(body).containsKey("bodyGz").doesNotContainKey("body");
        store.saveSlurmSnapshot(snapshot(T.plusSeconds(60), "IDLE"));
        store.saveSlurmSnapshot(snapshot(T.plusSeconds(120), "IDLE"));
        assertThat(item("SLURM#SNAPSHOT").get("takenAtMillis").n()).isEqualTo(Long.toString(T.toEpochMilli()));
        assertThat(item("SLURM#SNAPSHOT#SEEN").get("takenAtMillis").n())
                .isEqualTo(Long.toString(T.plusSeconds(120).toEpochMilli()));
        assertThat(store.latestSlurmSnapshot()).contains(snapshot(T.plusSeconds(120), "IDLE"));
        // an older report arriving late changes nothing
        store.saveSlurmSnapshot(snapshot(T.plusSeconds(90), "DOWN"));
        assertThat(store.latestSlurmSnapshot()).contains(snapshot(T.plusSeconds(120), "IDLE"));
    }

    @Test
    void changedContentRewritesTheBodyAndAStaleBodyIsRefreshed() {
        store.saveSlurmSnapshot(snapshot(T, "IDLE"));
        store.saveSlurmSnapshot(snapshot(T.plusSeconds(60), "DOWN"));
        assertThat(item("SLURM#SNAPSHOT").get("takenAtMillis").n()).isEqualTo(Long.toString(T.plusSeconds(60).toEpochMilli()));
        assertThat(store.latestSlurmSnapshot()).contains(snapshot(T.plusSeconds(60), "DOWN"));
        var refresh = T.plusSeconds(60).plus(SnapshotItems.REFRESH).plusSeconds(1);
        store.saveSlurmSnapshot(snapshot(refresh, "DOWN"));
        assertThat(item("SLURM#SNAPSHOT").get("takenAtMillis").n()).isEqualTo(Long.toString(refresh.toEpochMilli()));
    }

    @Test
    void aMarkerThatDoesNotBelongToTheBodyIsIgnored() {
        store.saveSlurmSnapshot(snapshot(T, "IDLE"));
        // A writer died between its two writes: new body stored, marker still about the old one.
        dynamo.putItem(SnapshotItems.body(table, snapshot(T.plusSeconds(60), "DOWN"), SnapshotItems.contentHash(
                snapshot(T.plusSeconds(60), "DOWN"))));
        store.saveSlurmSnapshot(snapshot(T.plusSeconds(120), "IDLE")); // marker matches its own old hash
        assertThat(store.latestSlurmSnapshot()).as("body alone, with its own time").contains(snapshot(T.plusSeconds(60), "DOWN"));
    }

    @Test
    void aSnapshotStoredByTheEarlierVersionIsStillRead() {
        var old = snapshot(T, "IDLE");
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("CLUSTER"),
                "sk", AttributeValue.fromS("SLURM#SNAPSHOT"), "takenAtMillis", AttributeValue.fromN(Long.toString(T.toEpochMilli())),
                "body", AttributeValue.fromS(dev.spotburst.messages.MessageCodec.write(old)))));
        assertThat(store.latestSlurmSnapshot()).contains(old);
        store.saveSlurmSnapshot(snapshot(T.plusSeconds(60), "IDLE"));
        assertThat(store.latestSlurmSnapshot()).contains(snapshot(T.plusSeconds(60), "IDLE"));
    }

    @Test
    void bindingRoundTripsThroughTheBatchRead() {
        var n = NodeName.parse("batch-hib-1");
        var resuming = NodeRecord.initial(n).resuming(T, T);
        store.transition(NodeRecord.initial(n), resuming);
        var launched = resuming.launched(new InstanceBinding("i-1", "sir-1", Market.SPOT, "m6i.2xlarge", "eu-west-1a",
                "10.0.0.1"), T);
        store.transition(resuming, launched);
        assertThat(store.nodeRecords(List.of(n, n))).containsExactly(Map.entry(n, launched));
    }
}
