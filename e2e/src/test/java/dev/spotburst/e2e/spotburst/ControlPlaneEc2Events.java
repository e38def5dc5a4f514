package dev.spotburst.e2e.spotburst;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.e2e.Timeline;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.handlers.Ec2EventHandler;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.EventPattern;
import dev.spotburst.localcloud.EventTarget;
import dev.spotburst.localcloud.LocalEventBus;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stack's EventBridge rule for EC2 events (interruption warnings, rebalance recommendations, state changes)
 * with the EC2-events Lambda as target, done locally: events from the emulator go to the real
 * {@link Ec2EventHandler}, asynchronously and in order, as a ScheduledEvent (what the Lambda runtime would
 * deserialize). A failed invocation is retried twice, as EventBridge's asynchronous invoke would.
 */
final class ControlPlaneEc2Events implements AutoCloseable {

    static final String RULE = "e2e-control-plane-ec2-events";

    private final Ec2EventHandler handler;
    private final Timeline timeline;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("e2e-ec2-events-lambda").unstarted(r));
    private final AtomicLong failures = new AtomicLong();
    private LocalEventBus bus;

    ControlPlaneEc2Events(ControlPlane cp, ClusterConfig config, Timeline timeline) {
        this.handler = new Ec2EventHandler(new Ec2EventService(cp.store, cp.slurm, cp.reconciler, cp.hibernation,
                cp.ec2), config, Clock.systemUTC());
        this.timeline = timeline;
    }

    ControlPlaneEc2Events subscribe(LocalEventBus eventBus) {
        this.bus = eventBus;
        eventBus.putRule(RULE, EventPattern.builder().source("aws.ec2").build(),
                EventTarget.handler(json -> worker.execute(() -> invoke(json))));
        return this;
    }

    private void invoke(String json) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                var event = toScheduledEvent(json);
                String outcome = handler.handleRequest(event, null);
                if (!"Ec2EventSkipped".equals(outcome) && event.getDetailType().contains("Interruption")) {
                    timeline.mark("control plane: " + event.getDetailType() + " " + event.getDetail() + " -> " + outcome);
                }
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                timeline.mark("control plane: EC2 event handler failed (attempt " + attempt + "): " + e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    static ScheduledEvent toScheduledEvent(String json) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an event: " + json, e);
        }
        Map<String, Object> detail = Json.mapper().convertValue(n.path("detail"), new TypeReference<>() { });
        List<String> resources = Json.mapper().convertValue(n.path("resources"), new TypeReference<>() { });
        var time = n.hasNonNull("time") ? new DateTime(Instant.parse(n.get("time").asText()).toEpochMilli(),
                DateTimeZone.UTC) : null;
        return new ScheduledEvent().withId(n.path("id").asText()).withDetailType(n.path("detail-type").asText())
                .withSource(n.path("source").asText()).withAccount(n.path("account").asText())
                .withRegion(n.path("region").asText()).withTime(time).withResources(resources).withDetail(detail);
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.removeRule(RULE);
        }
        worker.shutdownNow();
    }
}
