package dev.spotburst.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.ec2emu.CloudEventSink;
import dev.spotburst.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-process stand-in for an EventBridge bus. Events arrive from the EC2 emulator (this class is its
 * {@link CloudEventSink}) or from {@link #put(String)}; each event is delivered synchronously, on the publishing
 * thread, to every target of every matching rule. Thread-safe. A failing delivery is logged and counted and never
 * thrown back to the publisher (on AWS a broken target does not fail the API call that caused the event either).
 */
public final class LocalEventBus implements CloudEventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);
    private static final int HISTORY_LIMIT = 10_000;

    private final Supplier<SqsClient> sqs;
    private final Map<String, EventRule> rules = new ConcurrentHashMap<>();
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final Map<Path, Object> fileLocks = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** @param sqs gives the client for SQS targets; only called when such a target exists. */
    public LocalEventBus(Supplier<SqsClient> sqs) {
        this.sqs = sqs;
    }

    /** Adds or replaces the rule with this name. */
    public LocalEventBus putRule(EventRule rule) {
        rules.put(rule.name(), rule);
        return this;
    }

    public LocalEventBus putRule(String name, EventPattern pattern, EventTarget... targets) {
        return putRule(new EventRule(name, pattern, List.of(targets)));
    }

    public void removeRule(String name) {
        rules.remove(name);
    }

    public List<EventRule> rules() {
        return List.copyOf(rules.values());
    }

    /** Like PutEvents with one entry whose JSON is the full envelope (version, id, detail-type, source, detail…). */
    public void put(String eventJson) {
        received.incrementAndGet();
        if (history.size() < HISTORY_LIMIT) {
            history.add(eventJson);
        }
        JsonNode event;
        try {
            event = Json.mapper().readTree(eventJson);
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("event bus: dropped an event that is not JSON ({}): {}", e.getMessage(), abbreviate(eventJson));
            return;
        }
        for (EventRule rule : rules.values()) {
            if (rule.pattern().matches(event)) {
                for (EventTarget target : rule.targets()) {
                    deliver(rule, target, event, eventJson);
                }
            }
        }
    }

    @Override
    public void publish(String eventJson) {
        put(eventJson);
    }

    /** Every event received so far (first 10,000), in arrival order. */
    public List<String> history() {
        return List.copyOf(history);
    }

    public long receivedCount() {
        return received.get();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    private void deliver(EventRule rule, EventTarget target, JsonNode event, String eventJson) {
        try {
            switch (target) {
                case EventTarget.SqsQueue queue -> sendToQueue(queue, event, eventJson);
                case EventTarget.Handler handler -> handler.consumer().accept(eventJson);
                case EventTarget.JsonLinesFile file -> appendLine(file.file(), eventJson);
            }
            delivered.incrementAndGet();
        } catch (RuntimeException | IOException e) {
            failed.incrementAndGet();
            LOG.warn("event bus: rule {} could not deliver event {} ({}) to {}: {}", rule.name(),
                    event.path("id").asText("?"), event.path("detail-type").asText("?"), target, e.toString());
        }
    }

    private void sendToQueue(EventTarget.SqsQueue queue, JsonNode event, String eventJson) {
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(queue.queueUrl()).messageBody(eventJson);
        if (queue.fifo()) {
            // EventBridge deduplicates FIFO targets on the event id.
            String id = event.path("id").asText("");
            request.messageGroupId(queue.messageGroupId());
            if (!id.isEmpty()) {
                request.messageDeduplicationId(id);
            }
        }
        sqs.get().sendMessage(request.build());
    }

    private void appendLine(Path file, String eventJson) throws IOException {
        // Collapse to one line so the file stays JSON lines even for pretty-printed input.
        String line = eventJson.indexOf('\n') >= 0 ? Json.mapper().readTree(eventJson).toString() : eventJson;
        synchronized (fileLocks.computeIfAbsent(file.toAbsolutePath(), p -> new Object())) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Drops the rules; the SQS client belongs to whoever supplied it. */
    @Override
    public void close() {
        rules.clear();
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(rules.keySet());
        return "LocalEventBus" + names;
    }
}
