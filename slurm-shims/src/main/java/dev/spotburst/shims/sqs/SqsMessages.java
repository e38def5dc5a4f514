package dev.spotburst.shims.sqs;

import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.RequestGroups;
import dev.spotburst.messages.SlurmSnapshot;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

/** The SQS requests the head node sends, built as values (tested without a queue); adapters only send them. */
public final class SqsMessages {

    /** Message attribute telling readers of the reports queue what the body is. */
    public static final String TYPE_ATTRIBUTE = "spotburst-type";
    /** Message attribute on a dead-lettered command: why it was rejected. */
    public static final String ERROR_ATTRIBUTE = "spotburst-error";
    public static final int LONG_POLL_SECONDS = 20;
    /** SQS caps a message attribute value together with the message at 256 KiB; keep reasons short anyway. */
    static final int MAX_ERROR_CHARS = 1000;

    private SqsMessages() {
    }

    /**
     * One power-save request on the FIFO requests queue: one message group per node group
     * ({@link RequestGroups#messageGroupId}) keeps each node's resume/suspend order while node groups are processed
     * concurrently, and the request id as deduplication id makes a spooled re-send of the same request a no-op.
     */
    public static SendMessageRequest request(String queueUrl, PowerSaveRequest request) {
        return SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(MessageCodec.write(request))
                .messageGroupId(RequestGroups.messageGroupId(request))
                .messageDeduplicationId(request.id())
                .messageAttributes(Map.of(TYPE_ATTRIBUTE, text("power-save-request")))
                .build();
    }

    public static SendMessageRequest result(String reportsQueueUrl, CommandResult result) {
        return SendMessageRequest.builder()
                .queueUrl(reportsQueueUrl)
                .messageBody(MessageCodec.write(result))
                .messageAttributes(Map.of(TYPE_ATTRIBUTE, text("command-result")))
                .build();
    }

    public static SendMessageRequest snapshot(String reportsQueueUrl, SlurmSnapshot snapshot) {
        return SendMessageRequest.builder()
                .queueUrl(reportsQueueUrl)
                .messageBody(MessageCodec.write(snapshot))
                .messageAttributes(Map.of(TYPE_ATTRIBUTE, text("slurm-snapshot")))
                .build();
    }

    /** A command that cannot be parsed, moved to the commands DLQ with the reason (FIFO DLQs need group + dedup). */
    public static SendMessageRequest poison(String dlqUrl, Message original, String reason) {
        String why = reason.length() > MAX_ERROR_CHARS ? reason.substring(0, MAX_ERROR_CHARS) + "…" : reason;
        var b = SendMessageRequest.builder()
                .queueUrl(dlqUrl)
                .messageBody(original.body() == null || original.body().isEmpty() ? "(empty)" : original.body())
                .messageAttributes(Map.of(ERROR_ATTRIBUTE, text(why), TYPE_ATTRIBUTE, text("rejected-command")));
        if (dlqUrl.endsWith(".fifo")) {
            String group = original.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            b.messageGroupId(group == null ? "poison" : group).messageDeduplicationId(original.messageId());
        }
        return b.build();
    }

    public static ReceiveMessageRequest receiveCommands(String commandsQueueUrl, int waitSeconds) {
        return ReceiveMessageRequest.builder()
                .queueUrl(commandsQueueUrl)
                .maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")
                .build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
