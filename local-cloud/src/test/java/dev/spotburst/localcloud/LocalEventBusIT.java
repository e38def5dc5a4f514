package dev.spotburst.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalCloudExtension.class)
class LocalEventBusIT {

    private static String event(String id, String detailType, String instanceId, String action) {
        return """
                {"version":"0","id":"%s","detail-type":"%s","source":"aws.ec2","account":"000000000000",
                 "time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"instance-id":"%s","instance-action":"%s"}}""".formatted(id, detailType, instanceId, action);
    }

    private static final String WARNING = "EC2 Spot Instance Interruption Warning";

    @Test
    void routesMatchingEventsToQueueHandlerAndFile(LocalCloud cloud, SqsClient sqs, FreshResources fresh,
                                                   @TempDir Path dir) throws Exception {
        LocalEventBus bus = new LocalEventBus(() -> sqs); // a private bus: the shared one may carry others' rules
        String queue = fresh.queue("interruptions");
        String fifo = fresh.fifoQueue("interruptions");
        List<String> handled = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("events/hibernations.jsonl");
        bus.putRule("to-queue", EventPattern.builder().source("aws.ec2").detailType(WARNING).build(),
                EventTarget.sqs(queue), EventTarget.sqsFifo(fifo, "interruptions"));
        bus.putRule("hibernate-only", EventPattern.builder().detailType(WARNING).detail("instance-action", "hibernate").build(),
                EventTarget.handler(handled::add), EventTarget.file(file));

        bus.put(event("e-1", WARNING, "i-1", "terminate"));
        bus.put(event("e-2", WARNING, "i-2", "hibernate"));
        bus.put(event("e-3", "EC2 Instance State-change Notification", "i-3", "n/a"));
        bus.put(event("e-2", WARNING, "i-2", "hibernate")); // redelivery of the same event id

        assertThat(receiveAll(sqs, queue)).extracting(m -> json(m.body()).path("id").asText())
                .containsExactlyInAnyOrder("e-1", "e-2", "e-2");
        assertThat(receiveAll(sqs, fifo)).extracting(m -> json(m.body()).path("id").asText())
                .as("FIFO target deduplicates on the event id").containsExactly("e-1", "e-2");
        assertThat(handled).extracting(e -> json(e).path("detail").path("instance-id").asText()).containsExactly("i-2", "i-2");
        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line -> assertThat(json(line).path("id").asText()).isEqualTo("e-2"));
        assertThat(bus.receivedCount()).isEqualTo(4);
        assertThat(bus.deliveredCount()).isEqualTo(3 * 2 + 2 * 2);
        assertThat(bus.failedCount()).isZero();
    }

    @Test
    void failedDeliveriesAreCountedNeverThrown(SqsClient sqs) {
        LocalEventBus bus = new LocalEventBus(() -> sqs);
        List<String> reached = new ArrayList<>();
        bus.putRule("broken", EventPattern.all(),
                EventTarget.handler(e -> {
                    throw new IllegalStateException("handler bug");
                }),
                EventTarget.sqs("http://127.0.0.1:1/000000000000/missing"),
                EventTarget.handler(reached::add));

        bus.put(event("e-9", WARNING, "i-9", "stop"));
        bus.put("{not json");

        assertThat(reached).hasSize(1);
        assertThat(bus.failedCount()).isEqualTo(3);
        assertThat(bus.deliveredCount()).isEqualTo(1);
    }

    @Test
    void sharedBusIsTheEmulatorsSinkAndAcceptsPut(LocalCloud cloud) {
        List<String> seen = new CopyOnWriteArrayList<>();
        cloud.eventBus().putRule("bus-it-probe", EventPattern.builder().source("spotburst.test").build(),
                EventTarget.handler(seen::add));
        try {
            cloud.eventBus().publish("{\"id\":\"p-1\",\"source\":\"spotburst.test\",\"detail-type\":\"probe\",\"detail\":{}}");
            assertThat(seen).hasSize(1);
        } finally {
            cloud.eventBus().removeRule("bus-it-probe");
        }
    }

    private static List<Message> receiveAll(SqsClient sqs, String queue) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int wait = i == 0 ? 1 : 0;
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(wait))
                    .messages();
            for (Message m : batch) {
                all.add(m);
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        return all;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
