package dev.spotburst.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An EventBridge schedule rule with a Lambda target, done locally: invokes the handler with a real-shaped
 * {@code Scheduled Event} at a fixed rate. A failing invocation is logged and counted; the schedule goes on, as
 * on AWS (where the failed async invoke would be retried, then dropped).
 */
final class ScheduleTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

    private final String name;
    private final RequestHandler<Map<String, Object>, Map<String, Object>> handler;
    private final ScheduledExecutorService executor;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    ScheduleTicker(String name, RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        this.name = name;
        this.handler = handler;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("schedule-" + name).unstarted(r));
    }

    ScheduleTicker start(Duration initialDelay, Duration rate) {
        executor.scheduleWithFixedDelay(this::tick, initialDelay.toMillis(), rate.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One invocation now, on the caller's thread (tests and "reconcile on demand"). */
    Map<String, Object> tick() {
        ticks.incrementAndGet();
        try {
            return handler.handleRequest(scheduledEvent(), LocalLambdaContext.of(name, 300));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("schedule {}: invocation failed: {}", name, e.toString());
            return Map.of("error", e.toString());
        }
    }

    long ticks() {
        return ticks.get();
    }

    long failures() {
        return failures.get();
    }

    private static Map<String, Object> scheduledEvent() {
        var e = new LinkedHashMap<String, Object>();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", "000000000000");
        e.put("time", Instant.now().toString());
        e.put("region", "us-east-1");
        e.put("resources", List.of("arn:aws:events:us-east-1:000000000000:rule/spotburst-reconcile"));
        e.put("detail", Map.of());
        return e;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
