package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;

import java.time.Clock;

/** SQS (requests FIFO queue) → resume / suspend / resume-fail, with partial-batch failures. */
public final class PowerSaveRequestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final PowerSaveBatch batch;
    private final ClusterConfig config;
    private final Clock clock;

    public PowerSaveRequestHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private PowerSaveRequestHandler(ControlPlane cp) {
        this(cp.powerSaveBatch(), cp.config, cp.clock);
    }

    public PowerSaveRequestHandler(PowerSaveBatch batch, ClusterConfig config, Clock clock) {
        this.batch = batch;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        var messages = event.getRecords().stream().map(m -> new QueuedMessage(m.getMessageId(), m.getBody())).toList();
        var failed = batch.process(config, messages, clock.instant());
        return SQSBatchResponse.builder().withBatchItemFailures(failed.stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
    }
}
