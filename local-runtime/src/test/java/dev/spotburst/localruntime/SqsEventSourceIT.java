package dev.spotburst.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.spotburst.localcloud.LocalClients;
import dev.spotburst.localcloud.LocalCloud;
import dev.spotburst.localcloud.LocalCloudOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The local SQS event source against ElasticMQ: Errors do not end polling; FIFO groups run concurrently, in order. */
class SqsEventSourceIT {
    static LocalCloud cloud;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.defaults());
        sqs = LocalClients.sqs(cloud);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        cloud.close();
    }

    static String queue(String name, boolean fifo) {
        return queue(name, fifo, 1);
    }

    static String queue(String name, boolean fifo, int visibilitySeconds) {
        var attrs = new HashMap<QueueAttributeName, String>();
        attrs.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
        if (fifo) {
            attrs.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return sqs.createQueue(r -> r.queueName(name).attributes(attrs)).queueUrl();
    }

    @Test
    void anErrorFromTheHandlerFailsTheBatchAndPollingGoesOn() throws Exception {
        String url = queue("errors", false);
        var seen = Collections.synchronizedList(new ArrayList<String>());
        var done = new CountDownLatch(2);
        var calls = new AtomicInteger();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            if (calls.getAndIncrement() == 0) {
                throw new NoClassDefFoundError("dev/spotburst/Missing");
            }
            event.getRecords().forEach(m -> {
                seen.add(m.getBody());
                done.countDown();
            });
            return new SQSBatchResponse(List.of());
        };
        try (var source = new SqsEventSource("errors", sqs, url, "arn:errors", handler, 10, Duration.ofSeconds(1)).start()) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("first"));
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("second"));

            assertThat(done.await(60, TimeUnit.SECONDS)).as("both messages handled after the Error").isTrue();
            assertThat(source.handlerErrors()).isEqualTo(1);
        }
        assertThat(seen).contains("first", "second");
    }

    @Test
    void aBatchSlowerThanTheVisibilityTimeoutIsNotHandedToASecondPoller() throws Exception {
        String url = queue("slow.fifo", true, 4);
        var invocations = new AtomicInteger();
        var done = new CountDownLatch(1);
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            invocations.incrementAndGet();
            try {
                Thread.sleep(6_000); // beyond the 4 s visibility timeout: the source must keep the batch in flight
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
            return new SQSBatchResponse(List.of());
        };
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("slow").messageGroupId("g").messageDeduplicationId("slow-1"));
        try (var source = new SqsEventSource("slow", sqs, url, "arn:slow", handler, 10, Duration.ofSeconds(1), 3).start()) {
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(invocations).as("one invocation while the first still ran").hasValue(1);
        }
    }

    @Test
    void fifoGroupsAreProcessedConcurrentlyWithOneBatchInFlightPerGroup() throws Exception {
        String url = queue("groups.fifo", true);
        var inFlight = new HashMap<String, Integer>();
        var overlapSeen = new CountDownLatch(1);
        var violations = Collections.synchronizedList(new ArrayList<String>());
        var order = Collections.synchronizedMap(new HashMap<String, List<Integer>>());
        var handled = new CountDownLatch(12);
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            Set<String> groups = new HashSet<>();
            event.getRecords().forEach(m -> groups.add(m.getAttributes().get("MessageGroupId")));
            synchronized (inFlight) {
                for (var g : groups) {
                    if (inFlight.merge(g, 1, Integer::sum) > 1) {
                        violations.add("two batches of group " + g + " at once");
                    }
                }
                if (inFlight.values().stream().filter(v -> v > 0).count() > 1) {
                    overlapSeen.countDown();
                }
            }
            try {
                // Hold the batch until another group's batch ran alongside (or give up: the assertion reports it).
                overlapSeen.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            event.getRecords().forEach(m -> {
                order.computeIfAbsent(m.getAttributes().get("MessageGroupId"), g -> Collections.synchronizedList(new ArrayList<>()))
                        .add(Integer.parseInt(m.getBody()));
                handled.countDown();
            });
            synchronized (inFlight) {
                groups.forEach(g -> inFlight.merge(g, -1, Integer::sum));
            }
            return new SQSBatchResponse(List.of());
        };
        for (int i = 0; i < 4; i++) {
            for (var g : List.of("a", "b", "c")) {
                int n = i;
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(Integer.toString(n)).messageGroupId(g)
                        .messageDeduplicationId(g + n));
            }
        }
        try (var source = new SqsEventSource("groups", sqs, url, "arn:groups", handler, 2, Duration.ofSeconds(1), 3).start()) {
            assertThat(handled.await(60, TimeUnit.SECONDS)).as("all 12 messages handled").isTrue();
            assertThat(source.handlerErrors()).isZero();
        }
        assertThat(overlapSeen.getCount()).as("two groups were in flight at once").isZero();
        assertThat(violations).isEmpty();
        assertThat(order).containsOnlyKeys("a", "b", "c");
        order.values().forEach(l -> assertThat(l).containsExactly(0, 1, 2, 3));
    }
}
