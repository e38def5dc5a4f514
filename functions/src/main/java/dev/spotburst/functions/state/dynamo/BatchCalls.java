package dev.spotburst.functions.state.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BatchGetItem / BatchWriteItem on one table, in chunks of the API's limits, retrying what DynamoDB leaves
 * unprocessed (it does so under throttling, or past 16 MB) with exponential backoff, as the API reference asks.
 * Batches carry no conditions: only reads and unconditional writes go through here.
 */
final class BatchCalls {
    /** BatchGetItem: at most 100 keys per call. */
    static final int GET_BATCH = 100;
    /** BatchWriteItem: at most 25 put/delete requests per call. */
    static final int WRITE_BATCH = 25;
    static final int ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    BatchCalls(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Strongly consistent reads of {@code keys}; items that do not exist are simply absent from the result. */
    List<Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys) {
        var out = new ArrayList<Map<String, AttributeValue>>();
        for (int from = 0; from < keys.size(); from += GET_BATCH) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + GET_BATCH));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backoff(attempt, "BatchGetItem", pending.size());
                }
                var resp = dynamo.batchGetItem(getRequest(table, pending));
                out.addAll(resp.responses().getOrDefault(table, List.of()));
                var left = resp.unprocessedKeys().get(table);
                pending = left == null || !left.hasKeys() ? List.of() : left.keys();
            }
        }
        return out;
    }

    static BatchGetItemRequest getRequest(String table, List<Map<String, AttributeValue>> keys) {
        return BatchGetItemRequest.builder().requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())).build();
    }

    /** Unconditional puts of {@code items}. */
    void put(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += WRITE_BATCH) {
            List<WriteRequest> pending = items.subList(from, Math.min(items.size(), from + WRITE_BATCH)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    backoff(attempt, "BatchWriteItem", pending.size());
                }
                var resp = dynamo.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(table, pending)).build());
                var left = resp.unprocessedItems().get(table);
                pending = left == null ? List.of() : left;
            }
        }
    }

    private static void backoff(int attempt, String op, int left) {
        if (attempt >= ATTEMPTS) {
            // The caller's message is retried by SQS; better than blocking the batch much longer.
            throw new IllegalStateException(op + ": " + left + " item(s) still unprocessed after " + ATTEMPTS + " attempts");
        }
        try {
            Thread.sleep(Math.min(1000L, 25L << (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(op + " interrupted", e);
        }
    }
}
