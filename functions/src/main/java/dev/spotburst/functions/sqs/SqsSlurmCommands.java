package dev.spotburst.functions.sqs;

import dev.spotburst.functions.slurm.SlurmCommands;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.MessageCodec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends commands to the FIFO commands queue: MessageGroupId = cluster (the agent applies them in order),
 * MessageDeduplicationId = command id (a retried Lambda's repeat is dropped for 5 minutes; the agent dedupes
 * beyond that because the command is idempotent).
 */
public final class SqsSlurmCommands implements SlurmCommands {
    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String cluster;

    public SqsSlurmCommands(SqsClient sqs, String queueUrl, String cluster) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.cluster = cluster;
    }

    @Override
    public void send(List<CommandMessage> commands) {
        for (int i = 0; i < commands.size(); i += SQS_BATCH) {
            var entries = new ArrayList<SendMessageBatchRequestEntry>();
            var chunk = commands.subList(i, Math.min(commands.size(), i + SQS_BATCH));
            for (int j = 0; j < chunk.size(); j++) {
                var c = chunk.get(j);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .messageBody(MessageCodec.write(c)).messageGroupId(cluster)
                        .messageDeduplicationId(c.id()).build());
            }
            var resp = sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
            if (resp.hasFailed() && !resp.failed().isEmpty()) {
                var f = resp.failed().getFirst();
                throw new IllegalStateException("commands queue refused " + resp.failed().size() + " message(s): "
                        + f.code() + " " + f.message());
            }
        }
    }
}
