package dev.spotburst.functions.sqs;

import dev.spotburst.functions.requests.DeadLetters;
import dev.spotburst.functions.requests.QueuedMessage;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

/**
 * Sends poison requests to the requests DLQ (FIFO, like its source queue) with the reason in the
 * {@code spotburst-error} attribute; the Lambda then reports the original as processed, so it is deleted.
 */
public final class SqsDeadLetters implements DeadLetters {
    private final SqsClient sqs;
    private final String dlqUrl;
    private final String cluster;

    public SqsDeadLetters(SqsClient sqs, String dlqUrl, String cluster) {
        this.sqs = sqs;
        this.dlqUrl = dlqUrl;
        this.cluster = cluster;
    }

    @Override
    public void park(QueuedMessage message, String reason) {
        var b = SendMessageRequest.builder().queueUrl(dlqUrl)
                .messageBody(message.body() == null || message.body().isEmpty() ? "(empty)" : message.body())
                .messageAttributes(Map.of(ERROR_ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                        .stringValue(reason.length() > 1000 ? reason.substring(0, 1000) : reason).build()));
        if (dlqUrl.endsWith(".fifo")) {
            b.messageGroupId(cluster).messageDeduplicationId(message.messageId());
        }
        sqs.sendMessage(b.build());
    }
}
