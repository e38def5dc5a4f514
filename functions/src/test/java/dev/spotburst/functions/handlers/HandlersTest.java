package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.json.Json;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Handlers fed with real-shaped event files from the test-events module. */
class HandlersTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:05Z"), ZoneOffset.UTC);

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    final ResumeService resume = new ResumeService(store, ec2, ec2, slurm);

    @Test
    void sqsResumeEventLaunchesAndParksThePoisonMessageWithoutFailingTheBatch() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs/power-save-resume.json");
        var handler = new PowerSaveRequestHandler(new PowerSaveBatch(store, resume, new SuspendService(store, ec2), slurm),
                TestConfig.cluster(), CLOCK);
        var response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.node(NodeName.parse("batch-od-1")).state()).isEqualTo(NodeState.LAUNCHED);
        assertThat(slurm.parked).containsOnlyKeys("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(slurm.parked.values()).singleElement().asString().contains("unknown partition 'gpu'");
    }

    @Test
    void scheduledEventRunsAFullReconcileAndWritesTheHeartbeat() throws Exception {
        Map<String, Object> event;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("events/scheduled/reconcile-tick.json")) {
            event = Json.mapper().readValue(in, Map.class);
        }
        var handler = new ReconcileHandler(new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume)),
                TestConfig.cluster(), CLOCK);
        assertThat(handler.handleRequest(event, null)).containsEntry("groups", "all");
        assertThat(store.heartbeat).isEqualTo(CLOCK.instant());
    }

    @Test
    void directReconcileInvokeNamesGroupsAndRejectsUnknownOnes() {
        var handler = new ReconcileHandler(new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume)),
                TestConfig.cluster(), CLOCK);
        assertThat(handler.handleRequest(Map.of("groups", List.of("batch-spot")), null))
                .containsEntry("groups", List.of("batch-spot"));
        assertThat(store.heartbeat).as("a partial run is no heartbeat").isNull();
        assertThatThrownBy(() -> handler.handleRequest(Map.of("groups", List.of("batch-gpu")), null))
                .hasMessageContaining("unknown node group 'batch-gpu'");
    }

    @Test
    void reportsStoreTheNewestSnapshotAndDropUnreadableOnes() {
        var older = new SlurmSnapshot(1, Instant.parse("2026-11-22T10:00:00Z"), "demo", List.of());
        var newer = new SlurmSnapshot(1, Instant.parse("2026-11-22T10:01:00Z"), "demo", List.of());
        var event = new SQSEvent();
        event.setRecords(List.of(message("a", MessageCodec.write(newer)), message("b", MessageCodec.write(older)),
                message("c", "{\"hello\":1}"),
                message("d", "{\"schemaVersion\":1,\"commandId\":\"cmd-1\",\"appliedAt\":\"2026-11-22T10:00:00Z\",\"outcome\":\"APPLIED\"}")));
        var response = new SlurmReportHandler(store).handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.snapshot).isEqualTo(newer);
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        var m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }
}
