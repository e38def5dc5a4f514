package dev.spotburst.localruntime.sim;

import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.RequestGroups;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the head-node shim does for each power-save program call: one {@link PowerSaveRequest} per node group on the
 * requests FIFO queue, MessageGroupId = cluster/node group ({@link RequestGroups}), MessageDeduplicationId =
 * request id (a time-ordered UUIDv7), attribute {@code spotburst-type=power-save-request}.
 */
final class ShimPublisher {
    static final String TYPE_ATTRIBUTE = "spotburst-type";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One request as sent, for the demo's latency figures. */
    record Sent(PowerSaveRequest request, Instant sentAt) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String cluster;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    ShimPublisher(SqsClient sqs, String queueUrl, String cluster) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.cluster = cluster;
    }

    PowerSaveRequest publish(PowerSaveCall call, Instant now) {
        var request = PowerSaveRequest.of(uuidV7(now), call.kind(), call.hostlist(), now, cluster, call.jobs());
        // As the shim: one request per node group, each in its node group's message group.
        for (var part : RequestGroups.perNodeGroup(request)) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl)
                    .messageBody(MessageCodec.write(part))
                    .messageGroupId(RequestGroups.messageGroupId(part))
                    .messageDeduplicationId(part.id())
                    .messageAttributes(Map.of(TYPE_ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                            .stringValue("power-save-request").build())));
            sent.add(new Sent(part, Instant.now()));
        }
        return request;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** RFC 9562 version 7: 48-bit Unix milliseconds, then random bits; ids sort by issue time. */
    static String uuidV7(Instant now) {
        long ms = now.toEpochMilli();
        long msb = (ms << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFF);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
