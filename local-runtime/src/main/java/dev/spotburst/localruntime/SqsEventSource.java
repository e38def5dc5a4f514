package dev.spotburst.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Lambda SQS event source mapping does, done locally: long-poll up to {@code batchSize} messages, hand them
 * to the handler as one {@link SQSEvent}, delete those not reported in {@code batchItemFailures}, and leave the
 * failures to reappear after the visibility timeout (and reach the DLQ through the queue's redrive policy).
 * A handler that throws fails the whole batch, as on AWS.
 */
final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);

    private final String name;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final Duration pollWait;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final Thread thread;

    SqsEventSource(String name, SqsClient sqs, String queueUrl, String queueArn,
                   RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize, Duration pollWait) {
        this.name = name;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.batchSize = batchSize;
        this.pollWait = pollWait;
        this.thread = Thread.ofPlatform().daemon().name("event-source-" + name).unstarted(this::loop);
    }

    SqsEventSource start() {
        thread.start();
        return this;
    }

    long batches() {
        return batches.get();
    }

    long handlerErrors() {
        return handlerErrors.get();
    }

    private void loop() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("event source {}: poll failed: {}", name, e.toString());
                    sleep(Duration.ofMillis(200));
                }
            }
        }
    }

    /** One receive → invoke → delete cycle; returns how many messages were handed to the handler. */
    int pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) pollWait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        batches.incrementAndGet();
        SQSEvent event = toEvent(messages);
        var failed = new HashSet<String>();
        try {
            SQSBatchResponse response = handler.handleRequest(event, LocalLambdaContext.of(name, 60));
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            handlerErrors.incrementAndGet();
            LOG.warn("event source {}: handler failed the whole batch of {}: {}", name, messages.size(), e.toString());
            return messages.size();
        }
        var done = new ArrayList<DeleteMessageBatchRequestEntry>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private SQSEvent toEvent(List<Message> messages) {
        var records = new ArrayList<SQSEvent.SQSMessage>();
        for (Message m : messages) {
            var r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion("local");
            Map<String, String> attrs = new HashMap<>();
            m.attributes().forEach((k, v) -> attrs.put(k.toString(), v));
            r.setAttributes(attrs);
            Map<String, SQSEvent.MessageAttribute> mattrs = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> {
                var a = new SQSEvent.MessageAttribute();
                a.setDataType(v.dataType());
                a.setStringValue(v.stringValue());
                mattrs.put(k, a);
            });
            r.setMessageAttributes(mattrs);
            records.add(r);
        }
        var event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(pollWait.toMillis() + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
