package dev.spotburst.localcloud;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates uniquely named tables and queues so tests can share one {@link LocalCloud} (or one LocalStack / account)
 * without seeing each other's data. Names are {@code <prefix>-<unique suffix>}; nothing is deleted afterwards
 * (in-memory servers vanish with the JVM).
 */
public final class FreshResources {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    public FreshResources(DynamoDbClient dynamoDb, SqsClient sqs) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
    }

    /** {@code prefix-<run>-<n>}: unique in this JVM and unlikely to collide with other runs against a shared account. */
    public static String uniqueName(String prefix) {
        if (!prefix.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("resource name prefix must be 1-40 of [A-Za-z0-9_-], got '" + prefix + "'");
        }
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** Standard queue; returns its URL. */
    public String queue(String prefix) {
        return queue(prefix, Map.of());
    }

    public String queue(String prefix, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(uniqueName(prefix)).attributes(attributes)).queueUrl();
    }

    /** FIFO queue with content-based deduplication; returns its URL (name ends in {@code .fifo}). */
    public String fifoQueue(String prefix) {
        return fifoQueue(prefix, Map.of());
    }

    public String fifoQueue(String prefix, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new EnumMap<>(QueueAttributeName.class);
        all.put(QueueAttributeName.FIFO_QUEUE, "true");
        all.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        all.putAll(attributes);
        return sqs.createQueue(b -> b.queueName(uniqueName(prefix) + ".fifo").attributes(all)).queueUrl();
    }

    public String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A source queue and its dead-letter queue (same kind: both FIFO or both standard). */
    public record QueueWithDlq(String queueUrl, String dlqUrl) {
    }

    public QueueWithDlq queueWithDlq(String prefix, boolean fifo, int maxReceiveCount, Duration visibilityTimeout) {
        String dlq = fifo ? fifoQueue(prefix + "-dlq") : queue(prefix + "-dlq");
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + queueArn(dlq)
                + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()));
        String source = fifo ? fifoQueue(prefix, attributes) : queue(prefix, attributes);
        return new QueueWithDlq(source, dlq);
    }

    /** On-demand table with string keys ({@code rangeKey} may be null); waits until it exists. Returns its name. */
    public String table(String prefix, String hashKey, String rangeKey) {
        String name = uniqueName(prefix);
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
        if (rangeKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(rangeKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
        }
        dynamoDb.createTable(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(keys).build());
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }
}
