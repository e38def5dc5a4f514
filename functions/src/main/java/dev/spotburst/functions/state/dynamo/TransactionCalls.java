package dev.spotburst.functions.state.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Many conditional puts, each keeping its own condition, in TransactWriteItems calls of up to 100 items: one round
 * trip instead of one per item (DynamoDB Local also runs a transaction as one SQLite transaction, a fraction of the
 * single-writer time of separate puts: docs/benchmarks.md). The batch is not meant to be atomic: a transaction is
 * cancelled as a whole when one item's condition fails, so the cancellation reasons are read, the items whose
 * condition failed are reported false, and the others are sent again without them. Conflicts with concurrent
 * writers and throttling are retried with backoff; anything else (or too many attempts) throws, leaving the
 * outcome of the unsent items unknown to the caller, as a failed PutItem would.
 */
final class TransactionCalls {
    /** TransactWriteItems: at most 100 actions per call. */
    static final int MAX_ITEMS = 100;
    static final int ATTEMPTS = 8;
    static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;

    TransactionCalls(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** Sends every put; result {@code i} says whether put {@code i} was written (false: its condition failed). */
    List<Boolean> put(List<PutItemRequest> puts) {
        var written = new Boolean[puts.size()];
        for (int from = 0; from < puts.size(); from += MAX_ITEMS) {
            var pending = new ArrayList<Integer>();
            for (int i = from; i < Math.min(puts.size(), from + MAX_ITEMS); i++) {
                pending.add(i);
            }
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                try {
                    dynamo.transactWriteItems(request(pending.stream().map(puts::get).toList()));
                    pending.forEach(i -> written[i] = true);
                    pending.clear();
                } catch (TransactionCanceledException e) {
                    pending = afterCancel(pending, e, written, attempt);
                }
            }
        }
        return Arrays.asList(written);
    }

    /**
     * The items to send again: those cancelled only because another item failed, or by a conflict or throttling
     * (then after a backoff). Items whose own condition failed are settled as false.
     */
    private static ArrayList<Integer> afterCancel(List<Integer> pending, TransactionCanceledException e,
                                                  Boolean[] written, int attempt) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        if (reasons.size() != pending.size()) {
            throw new IllegalStateException("TransactWriteItems cancelled without a reason per item ("
                    + reasons.size() + " for " + pending.size() + "): " + e.getMessage(), e);
        }
        var again = new ArrayList<Integer>();
        boolean settled = false;
        boolean transientFailure = false;
        for (int k = 0; k < pending.size(); k++) {
            String code = reasons.get(k).code();
            if (CONDITION_FAILED.equals(code)) {
                written[pending.get(k)] = false;
                settled = true;
            } else if (code == null || code.equals("None")) {
                again.add(pending.get(k));
            } else if (code.equals("TransactionConflict") || code.equals("ThrottlingError")
                    || code.equals("ProvisionedThroughputExceeded")) {
                again.add(pending.get(k));
                transientFailure = true;
            } else {
                throw new IllegalStateException("TransactWriteItems item " + pending.get(k) + " cancelled: " + code
                        + " " + reasons.get(k).message(), e);
            }
        }
        if (!settled || transientFailure) {
            backoff(attempt + 1, again.size(), e);
        }
        return again;
    }

    static TransactWriteItemsRequest request(List<PutItemRequest> puts) {
        var items = puts.stream().map(p -> TransactWriteItem.builder().put(put(p)).build()).toList();
        // A client token makes the SDK's own retry of a call whose answer was lost idempotent: it succeeds instead of
        // failing every condition against the writes the first attempt already made.
        return TransactWriteItemsRequest.builder().transactItems(items)
                .clientRequestToken(UUID.randomUUID().toString()).build();
    }

    /** The same write as a single PutItem, as one transaction action. */
    static Put put(PutItemRequest p) {
        var b = Put.builder().tableName(p.tableName()).item(p.item()).conditionExpression(p.conditionExpression());
        if (p.hasExpressionAttributeNames()) {
            b.expressionAttributeNames(p.expressionAttributeNames());
        }
        if (p.hasExpressionAttributeValues()) {
            b.expressionAttributeValues(p.expressionAttributeValues());
        }
        return b.build();
    }

    private static void backoff(int attempt, int left, TransactionCanceledException cause) {
        if (attempt >= ATTEMPTS) {
            throw new IllegalStateException("TransactWriteItems: " + left + " item(s) still not written after "
                    + ATTEMPTS + " attempts: " + cause.getMessage(), cause);
        }
        try {
            Thread.sleep(Math.min(1000L, 10L << (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("TransactWriteItems interrupted", e);
        }
    }
}
