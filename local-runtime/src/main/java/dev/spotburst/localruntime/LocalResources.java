package dev.spotburst.localruntime;

import dev.spotburst.functions.state.dynamo.StateTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The table and queues of one cluster, created in the local cloud the way the CDK stack declares them: one table
 * (pk/sk, gsi1, TTL), requests and commands FIFO queues and a standard reports queue, each with its own DLQ and a
 * redrive policy. Creating them again is harmless (same names, same attributes).
 */
public record LocalResources(String table, Queue requests, Queue requestsDlq, Queue commands, Queue commandsDlq,
                             Queue reports, Queue reportsDlq) {

    /** Receives before a message is moved to its DLQ, as in the CDK stack. */
    public static final int MAX_RECEIVE_COUNT = 5;

    public record Queue(String name, String url, String arn) {
    }

    public static LocalResources provision(String cluster, DynamoDbClient dynamo, SqsClient sqs, Duration visibility) {
        String prefix = "spotburst-" + cluster;
        createTable(dynamo, prefix);
        Queue requestsDlq = queue(sqs, prefix + "-requests-dlq.fifo", Map.of(), true);
        Queue requests = queue(sqs, prefix + "-requests.fifo", redrive(requestsDlq, visibility), true);
        Queue commandsDlq = queue(sqs, prefix + "-commands-dlq.fifo", Map.of(), true);
        Queue commands = queue(sqs, prefix + "-commands.fifo", redrive(commandsDlq, visibility), true);
        Queue reportsDlq = queue(sqs, prefix + "-reports-dlq", Map.of(), false);
        Queue reports = queue(sqs, prefix + "-reports", redrive(reportsDlq, visibility), false);
        return new LocalResources(prefix, requests, requestsDlq, commands, commandsDlq, reports, reportsDlq);
    }

    private static Map<QueueAttributeName, String> redrive(Queue dlq, Duration visibility) {
        return Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}",
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(Math.max(1, visibility.toSeconds())));
    }

    private static Queue queue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes, boolean fifo) {
        var attrs = new HashMap<>(attributes);
        if (fifo) {
            attrs.put(QueueAttributeName.FIFO_QUEUE, "true");
            // Senders set MessageDeduplicationId (request / command id), so a re-send is the same message.
            attrs.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
        }
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attrs)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(name, url, arn);
    }

    private static void createTable(DynamoDbClient dynamo, String table) {
        try {
            StateTableSchema.create(dynamo, table);
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // provisioning twice is fine
        }
    }
}
