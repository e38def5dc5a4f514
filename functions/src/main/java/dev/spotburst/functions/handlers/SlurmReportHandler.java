package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.json.Json;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.MessageFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;

/**
 * SQS (reports, standard queue) from the head-node agent: {@code SlurmSnapshot}s are stored (newest wins) for the
 * reconciler; {@code CommandResult}s are logged (a FAILED one is an operator signal). Unreadable reports are
 * logged and dropped: a report is superseded by the next one within a minute, retrying it helps nobody.
 */
public final class SlurmReportHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(SlurmReportHandler.class);
    private final StateStore store;

    public SlurmReportHandler() {
        this(ControlPlane.fromEnvironment().store);
    }

    public SlurmReportHandler(StateStore store) {
        this.store = store;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocation.run(context, ControlPlaneMetrics.NONE, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        var failures = new ArrayList<SQSBatchResponse.BatchItemFailure>();
        for (var m : event.getRecords()) {
            try {
                handle(m.getBody());
            } catch (MessageFormatException | IllegalArgumentException e) {
                log.warn("dropping unreadable report {}: {}", m.getMessageId(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("report {} failed, will retry: {}", m.getMessageId(), e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void handle(String body) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new MessageFormatException("report is not JSON: " + e.getMessage());
        }
        if (tree != null && tree.has("takenAt")) {
            store.saveSlurmSnapshot(MessageCodec.readSnapshot(body));
        } else if (tree != null && tree.has("commandId")) {
            var r = MessageCodec.readResult(body);
            if (r.outcome() == dev.spotburst.messages.CommandResult.Outcome.FAILED) {
                log.error("agent could not apply command {}: {}", r.commandId(), r.detail());
            } else {
                log.info("command {} {}", r.commandId(), r.outcome());
            }
        } else {
            throw new MessageFormatException("report is neither a slurm snapshot (takenAt) nor a command result (commandId)");
        }
    }
}
