package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.requests.QueuedMessage;

import java.time.Clock;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** SQS (requests FIFO queue) → resume / suspend / resume-fail, with partial-batch failures. */
public final class PowerSaveRequestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PowerSaveRequestHandler.class);
    private final PowerSaveBatch batch;
    private final ClusterConfig config;
    private final Clock clock;
    private final ControlPlaneMetrics metrics;

    public PowerSaveRequestHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private PowerSaveRequestHandler(ControlPlane cp) {
        this(cp.powerSaveBatch(), cp.config, cp.clock, cp.metrics);
    }

    public PowerSaveRequestHandler(PowerSaveBatch batch, ClusterConfig config, Clock clock) {
        this(batch, config, clock, ControlPlaneMetrics.NONE);
    }

    /** @param metrics what the batch's services record into; written once at the end of each invocation */
    public PowerSaveRequestHandler(PowerSaveBatch batch, ClusterConfig config, Clock clock, ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.batch = batch;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocation.run(context, metrics, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        var messages = event.getRecords().stream().map(m -> new QueuedMessage(m.getMessageId(), m.getBody())).toList();
        var failed = batch.process(config, messages, clock.instant());
        log.info("power-save batch done: {} {} {}", entry("messages", messages.size()),
                entry("messageIds", messages.stream().map(QueuedMessage::messageId).toList()), entry("retried", failed));
        return SQSBatchResponse.builder().withBatchItemFailures(failed.stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
    }
}
