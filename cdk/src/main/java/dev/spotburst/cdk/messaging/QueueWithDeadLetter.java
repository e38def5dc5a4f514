package dev.spotburst.cdk.messaging;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A queue with its own dead-letter queue (FIFO for FIFO queues), SSE and a policy denying non-TLS access on both.
 * SQS-managed SSE rather than a customer key: the head node and Lambda need no KMS permissions, so the head-node
 * role stays exactly "send / receive / delete".
 */
public final class QueueWithDeadLetter extends Construct {

    public static final int MAX_RECEIVE_COUNT = 5;
    public static final Duration DLQ_RETENTION = Duration.days(14);

    /**
     * @param name              physical base name ({@code .fifo} is appended for FIFO queues)
     * @param fifo              FIFO queue; content-based deduplication stays off (senders set the deduplication id)
     * @param visibilityTimeout at least the consumer's timeout (AWS recommends 6x for Lambda consumers)
     */
    public record Props(String name, boolean fifo, Duration visibilityTimeout) {
    }

    private final Queue queue;
    private final Queue deadLetterQueue;

    public QueueWithDeadLetter(Construct scope, String id, Props props) {
        super(scope, id);
        String suffix = props.fifo() ? ".fifo" : "";
        this.deadLetterQueue = Queue.Builder.create(this, "Dlq")
                .queueName(props.name() + "-dlq" + suffix)
                .fifo(props.fifo() ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
        this.queue = Queue.Builder.create(this, "Queue")
                .queueName(props.name() + suffix)
                .fifo(props.fifo() ? true : null)
                .contentBasedDeduplication(props.fifo() ? false : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(props.visibilityTimeout())
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
