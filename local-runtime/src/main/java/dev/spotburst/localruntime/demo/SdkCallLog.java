package dev.spotburst.localruntime.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What {@link RecordingInterceptor} saw of the SDK calls made in this JVM while the log is installed: calls per
 * service and operation (SQS keyed by queue too), every launch request with the wall time it was handed to the
 * HTTP client and the instances it returned, and the SQS {@code SentTimestamp} of each power-save request as the
 * requests queue's consumer received it. At most one log is installed at a time.
 */
public final class SdkCallLog implements AutoCloseable {
    private static volatile SdkCallLog current;

    /**
     * One CreateFleet / RunInstances call.
     *
     * @param issuedAtMillis wall time of the first transmission attempt
     * @param group          node group from the {@code spotburst:node-group} tag
     * @param node           node from the {@code Name} tag (RunInstances only)
     */
    public record Launch(long issuedAtMillis, String action, String group, String node, String market, int wanted,
                         List<String> instanceIds, List<String> errorCodes) {
        public Launch {
            instanceIds = List.copyOf(instanceIds);
            errorCodes = List.copyOf(errorCodes);
        }
    }

    private final String requestsQueueUrl;
    private final Consumer<String> timeline;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final List<Launch> launches = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sentTimestamps = new ConcurrentHashMap<>();

    private SdkCallLog(String requestsQueueUrl, Consumer<String> timeline) {
        this.requestsQueueUrl = requestsQueueUrl;
        this.timeline = timeline;
    }

    /** Installs a fresh log; {@code timeline} gets one line per EC2 launch / terminate. */
    public static synchronized SdkCallLog install(String requestsQueueUrl, Consumer<String> timeline) {
        if (current != null) {
            throw new IllegalStateException("an SdkCallLog is already installed; close it first");
        }
        current = new SdkCallLog(requestsQueueUrl, timeline);
        return current;
    }

    static SdkCallLog current() {
        return current;
    }

    /** Calls by {@code service:operation} (SQS: {@code SQS:operation:queue-name}). */
    public Map<String, Long> calls() {
        var out = new TreeMap<String, Long>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public List<Launch> launches() {
        return List.copyOf(launches);
    }

    /** Request id → SQS SentTimestamp (ms) of the power-save requests the control plane received. */
    public Map<String, Long> sentTimestamps() {
        return Map.copyOf(sentTimestamps);
    }

    String requestsQueueUrl() {
        return requestsQueueUrl;
    }

    void count(String key) {
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void launch(Launch l) {
        launches.add(l);
    }

    void sent(String requestId, long sentTimestamp) {
        sentTimestamps.putIfAbsent(requestId, sentTimestamp);
    }

    void timeline(String line) {
        timeline.accept(line);
    }

    @Override
    public void close() {
        synchronized (SdkCallLog.class) {
            if (current == this) {
                current = null;
            }
        }
    }
}
