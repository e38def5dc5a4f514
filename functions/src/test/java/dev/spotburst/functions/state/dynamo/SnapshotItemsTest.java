package dev.spotburst.functions.state.dynamo;

import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.SlurmSnapshot;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot items' conditions, hash and size: what makes an idle minute cost one write unit. */
class SnapshotItemsTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    static SlurmSnapshot idle(int nodes, Instant at) {
        return new SlurmSnapshot(1, at, "demo", IntStream.range(0, nodes).mapToObj(i -> new SlurmSnapshot.Node(
                "batch-spot-" + i, "IDLE", Set.of("CLOUD", "POWERED_DOWN"), null, "batch-spot-" + i, List.of())).toList());
    }

    @Test
    void hashIgnoresTakenAtAndOrderButNotState() {
        var a = idle(3, T);
        var reordered = new SlurmSnapshot(1, T.plusSeconds(60), "demo", a.nodes().reversed());
        assertThat(SnapshotItems.contentHash(reordered)).isEqualTo(SnapshotItems.contentHash(a));
        var changed = new SlurmSnapshot(1, T, "demo", List.of(a.nodes().get(0), a.nodes().get(1),
                new SlurmSnapshot.Node("batch-spot-2", "DOWN", Set.of("CLOUD", "POWERED_DOWN"), "x", "batch-spot-2", List.of())));
        assertThat(SnapshotItems.contentHash(changed)).isNotEqualTo(SnapshotItems.contentHash(a));
    }

    @Test
    void unchangedSnapshotIsAConditionalTouchOfTheMarker() {
        var req = SnapshotItems.touchMarker("t", idle(2, T), "h1");
        assertThat(req.key()).containsEntry("sk", AttributeValue.fromS("SLURM#SNAPSHOT#SEEN"));
        assertThat(req.updateExpression()).isEqualTo("SET takenAtMillis = :takenAtMillis");
        assertThat(req.conditionExpression())
                .isEqualTo("contentHash = :hash AND takenAtMillis < :takenAtMillis AND bodyTakenAtMillis >= :refreshAfter");
        assertThat(req.expressionAttributeValues()).containsEntry(":hash", AttributeValue.fromS("h1"))
                .containsEntry(":refreshAfter", AttributeValue.fromN(Long.toString(T.minus(SnapshotItems.REFRESH).toEpochMilli())));
        assertThat(SnapshotItems.body("t", idle(2, T), "h1").conditionExpression())
                .isEqualTo("attribute_not_exists(pk) OR takenAtMillis < :takenAtMillis");
    }

    @Test
    void hundredNodeBodyFitsInTwoWriteUnitsCompressed() {
        var snap = idle(100, T);
        int json = MessageCodec.write(snap).length();
        var gz = SnapshotItems.body("t", snap, SnapshotItems.contentHash(snap)).item().get("bodyGz").b().asByteArray();
        assertThat(gz.length).isLessThan(2048).isLessThan(json / 5);
        assertThat(SnapshotItems.gunzip(gz)).isEqualTo(MessageCodec.write(snap));
    }
}
