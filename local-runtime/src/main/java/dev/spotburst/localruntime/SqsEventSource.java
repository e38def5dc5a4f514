package dev.spotburst.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Lambda SQS event source mapping does, done locally: long-poll up to {@code batchSize} messages, hand them
 * to the handler as one {@link SQSEvent}, delete those not reported in {@code batchItemFailures}, and leave the
 * failures to reappear after the visibility timeout (and reach the DLQ through the queue's redrive policy).
 * A handler that throws (an {@link Error} too) fails the whole batch, as on AWS; polling goes on.
 * <p>
 * {@code pollers} threads poll at once, each invoking the handler for its own batch, as Lambda runs several
 * invocations of one mapping. On a FIFO queue that is Lambda's FIFO behaviour too: SQS hands out no message of a
 * group while an earlier one of that group is in flight, so each message group has at most one batch in flight and
 * different groups are processed concurrently (up to {@code pollers}). While the handler runs, the batch's visibility
 * is extended every half timeout: the stack gives the queue a visibility timeout well above the function timeout, so
 * on AWS a message never reappears while its invocation still runs; locally the timeout is short (failures come back
 * fast), and without the extension a slow batch would be handed to a second poller while the first still works on it.
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
    private final AtomicLong pollErrors = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("event-source-visibility").unstarted(r));
    private volatile int visibilitySeconds;

    SqsEventSource(String name, SqsClient sqs, String queueUrl, String queueArn,
                   RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize, Duration pollWait) {
        this(name, sqs, queueUrl, queueArn, handler, batchSize, pollWait, 1);
    }

    SqsEventSource(String name, SqsClient sqs, String queueUrl, String queueArn,
                   RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize, Duration pollWait, int pollers) {
        if (pollers < 1) {
            throw new IllegalArgumentException("pollers must be at least 1, got " + pollers);
        }
        this.name = name;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.batchSize = batchSize;
        this.pollWait = pollWait;
        for (int i = 0; i < pollers; i++) {
            threads.add(Thread.ofPlatform().daemon().name("event-source-" + name + "-" + i).unstarted(this::loop));
        }
    }

    SqsEventSource start() {
        String v = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        visibilitySeconds = v == null ? 0 : Integer.parseInt(v);
        threads.forEach(Thread::start);
        return this;
    }

    long batches() {
        return batches.get();
    }

    long handlerErrors() {
        return handlerErrors.get();
    }

    /** Receive failures and anything thrown outside the handler (counted, logged, polling goes on). */
    long pollErrors() {
        return pollErrors.get();
    }

    private void loop() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException | Error e) {
                // An Error (say NoClassDefFoundError) must not silently end this poller: nothing would consume the
                // queue any more. Logged with its stack; the messages come back after the visibility timeout.
                if (running.get()) {
                    pollErrors.incrementAndGet();
                    LOG.error("event source {}: poll failed, polling on: {}", name, e.toString(), e);
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
        ScheduledFuture<?> extending = visibilitySeconds < 2 ? null : heartbeat.scheduleAtFixedRate(() -> extend(messages),
                visibilitySeconds * 500L, visibilitySeconds * 500L, TimeUnit.MILLISECONDS);
        try {
            SQSBatchResponse response = handler.handleRequest(event, LocalLambdaContext.of(name, 60));
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException | Error e) {
            // As on Lambda, an Error fails the invocation like an exception: the whole batch comes back.
            handlerErrors.incrementAndGet();
            if (e instanceof Error) {
                LOG.error("event source {}: handler failed the whole batch of {}: {}", name, messages.size(), e.toString(), e);
            } else {
                LOG.warn("event source {}: handler failed the whole batch of {}: {}", name, messages.size(), e.toString());
            }
            return messages.size();
        } finally {
            if (extending != null) {
                extending.cancel(false);
            }
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

    /** Keeps a batch in flight while its handler runs (see the class comment). */
    private void extend(List<Message> messages) {
        try {
            var entries = new ArrayList<ChangeMessageVisibilityBatchRequestEntry>();
            for (Message m : messages) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(visibilitySeconds).build());
            }
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
        } catch (RuntimeException e) {
            LOG.warn("event source {}: extending the visibility of a batch failed: {}", name, e.toString());
        }
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
        heartbeat.shutdownNow();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + pollWait.toNanos() + Duration.ofSeconds(2).toNanos();
        for (var t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
