package dev.spotburst.functions.state.dynamo;

import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.SlurmSnapshot;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static dev.spotburst.functions.state.dynamo.NodeItems.n;
import static dev.spotburst.functions.state.dynamo.NodeItems.s;
import static dev.spotburst.functions.state.dynamo.TableLayout.CLUSTER_PK;
import static dev.spotburst.functions.state.dynamo.TableLayout.PK;
import static dev.spotburst.functions.state.dynamo.TableLayout.SK;
import static dev.spotburst.functions.state.dynamo.TableLayout.SNAPSHOT_SK;

/**
 * How the Slurm snapshot is stored cheaply. The agent posts one every minute and it rarely changes, yet the
 * reconciler must know it is fresh. Two items:
 * <ul>
 * <li>the body ({@code SLURM#SNAPSHOT}): the whole snapshot, gzip-compressed, with its content hash; written only
 * when the content changed, or when the stored body is older than {@link #REFRESH} (a bound on any disagreement
 * left by a writer that died between its two writes);</li>
 * <li>the marker ({@code SLURM#SNAPSHOT#SEEN}, ~100 bytes, one write unit): when a snapshot was last seen, its
 * content hash, and the takenAt of the body written together with it.</li>
 * </ul>
 * An unchanged snapshot is one conditional UpdateItem of the marker ("content hash still h, older takenAt, body
 * recent enough"); if that condition fails, the failure returns the marker, and unless it shows a newer snapshot
 * was already seen, the body and then the marker are written. The reader combines the
 * two only when the marker belongs to the stored body (same hash and body takenAt); otherwise the body stands
 * alone with its own, older takenAt — never fresher than what is known.
 */
final class SnapshotItems {
    static final String SEEN_SK = SNAPSHOT_SK + "#SEEN";
    static final Duration REFRESH = Duration.ofMinutes(5);
    static final String BODY_IS_NEWER = "attribute_not_exists(pk) OR takenAtMillis < :takenAtMillis";
    static final String SAME_CONTENT_NEWER_TIME = "contentHash = :hash AND takenAtMillis < :takenAtMillis"
            + " AND bodyTakenAtMillis >= :refreshAfter";

    private SnapshotItems() {
    }

    /** Hash of what the snapshot says about the nodes, independent of takenAt and of set/list order. */
    static String contentHash(SlurmSnapshot snap) {
        var sb = new StringBuilder().append(snap.schemaVersion()).append('\u0001').append(snap.cluster());
        snap.nodes().stream().sorted(Comparator.comparing(SlurmSnapshot.Node::name)).forEach(node -> sb.append('\u0001')
                .append(node.name()).append('\u0002').append(node.state()).append('\u0002')
                .append(String.join(",", new TreeSet<>(node.flags()))).append('\u0002').append(node.reason())
                .append('\u0002').append(node.address()).append('\u0002').append(node.jobs()));
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static UpdateItemRequest touchMarker(String table, SlurmSnapshot snap, String hash) {
        long millis = snap.takenAt().toEpochMilli();
        return UpdateItemRequest.builder().tableName(table)
                .key(Map.of(PK, s(CLUSTER_PK), SK, s(SEEN_SK)))
                .updateExpression("SET takenAtMillis = :takenAtMillis")
                .conditionExpression(SAME_CONTENT_NEWER_TIME)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .expressionAttributeValues(Map.of(":takenAtMillis", n(millis), ":hash", s(hash),
                        ":refreshAfter", n(snap.takenAt().minus(REFRESH).toEpochMilli()))).build();
    }

    static PutItemRequest body(String table, SlurmSnapshot snap, String hash) {
        long millis = snap.takenAt().toEpochMilli();
        return PutItemRequest.builder().tableName(table)
                .item(Map.of(PK, s(CLUSTER_PK), SK, s(SNAPSHOT_SK), "takenAtMillis", n(millis),
                        "contentHash", s(hash), "bodyGz", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(MessageCodec.write(snap))))))
                .conditionExpression(BODY_IS_NEWER)
                .expressionAttributeValues(Map.of(":takenAtMillis", n(millis))).build();
    }

    static PutItemRequest marker(String table, SlurmSnapshot snap, String hash) {
        long millis = snap.takenAt().toEpochMilli();
        return PutItemRequest.builder().tableName(table)
                .item(Map.of(PK, s(CLUSTER_PK), SK, s(SEEN_SK), "takenAtMillis", n(millis), "contentHash", s(hash),
                        "bodyTakenAtMillis", n(millis)))
                .conditionExpression(BODY_IS_NEWER)
                .expressionAttributeValues(Map.of(":takenAtMillis", n(millis))).build();
    }

    /** The stored snapshot, with the marker's newer takenAt when the marker belongs to this very body. */
    static Optional<SlurmSnapshot> read(Map<String, AttributeValue> body, Map<String, AttributeValue> marker) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        var gz = body.get("bodyGz");
        var snap = MessageCodec.readSnapshot(gz != null ? gunzip(gz.b().asByteArray()) : body.get("body").s());
        var hash = body.get("contentHash");
        if (marker != null && hash != null && marker.get("contentHash") != null
                && hash.s().equals(marker.get("contentHash").s())
                && body.get("takenAtMillis").n().equals(marker.get("bodyTakenAtMillis").n())) {
            var seen = Instant.ofEpochMilli(Long.parseLong(marker.get("takenAtMillis").n()));
            if (seen.isAfter(snap.takenAt())) {
                return Optional.of(new SlurmSnapshot(snap.schemaVersion(), seen, snap.cluster(), snap.nodes()));
            }
        }
        return Optional.of(snap);
    }

    static byte[] gzip(String text) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] bytes) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("stored Slurm snapshot is not valid gzip", e);
        }
    }
}
