package dev.spotburst.localruntime.sim;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.MessageFormatException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The head-node agent: long-polls the commands FIFO queue, applies each command to slurmctld in order, reports the
 * result, and posts a SlurmSnapshot every snapshot interval, both on the reports queue with attribute
 * {@code spotburst-type} = {@code command-result} | {@code slurm-snapshot}. A command is deleted only after its
 * result is sent; a command id seen before is answered ALREADY_DONE (idempotent, at-least-once delivery).
 */
final class SimAgent {
    private final SlurmController controller;
    private final SqsClient sqs;
    private final String commandsUrl;
    private final String reportsUrl;
    private final String cluster;
    private final Clock clock;
    private final SimEvents events;
    private final Map<String, Boolean> applied = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private Instant nextSnapshot = Instant.MIN;

    SimAgent(SlurmController controller, SqsClient sqs, String commandsUrl, String reportsUrl, String cluster,
             Clock clock, SimEvents events) {
        this.controller = controller;
        this.sqs = sqs;
        this.commandsUrl = commandsUrl;
        this.reportsUrl = reportsUrl;
        this.cluster = cluster;
        this.clock = clock;
        this.events = events;
    }

    /** One turn: a snapshot when due, then one long poll (capped so the next snapshot is on time). */
    void turn() {
        Instant now = clock.instant();
        if (!now.isBefore(nextSnapshot)) {
            postSnapshot();
            nextSnapshot = now.plus(controller.settings().snapshotInterval());
        }
        long untilSnapshot = java.time.Duration.between(clock.instant(), nextSnapshot).toSeconds();
        int wait = (int) Math.max(0, Math.min(controller.settings().commandPollWait().toSeconds(), untilSnapshot));
        var batch = sqs.receiveMessage(r -> r.queueUrl(commandsUrl).maxNumberOfMessages(10).waitTimeSeconds(wait)
                .messageAttributeNames("All")).messages();
        for (Message m : batch) {
            handle(m);
        }
    }

    void postSnapshot() {
        var snapshot = controller.snapshot(cluster, clock.instant());
        send(MessageCodec.write(snapshot), "slurm-snapshot");
        snapshots.incrementAndGet();
    }

    long commandsApplied() {
        return commands.get();
    }

    long snapshotsPosted() {
        return snapshots.get();
    }

    private void handle(Message m) {
        CommandResult result;
        try {
            CommandMessage command = MessageCodec.readCommand(m.body());
            if (applied.containsKey(command.id())) {
                result = new CommandResult(CommandResult.SCHEMA_VERSION, command.id(), clock.instant(),
                        CommandResult.Outcome.ALREADY_DONE, "applied before");
            } else {
                result = controller.apply(command, clock.instant());
                applied.put(command.id(), Boolean.TRUE);
                commands.incrementAndGet();
                if (result.outcome() == CommandResult.Outcome.FAILED) {
                    events.emit("scontrol refused " + command.command().getClass().getSimpleName() + ": " + result.detail());
                }
            }
        } catch (MessageFormatException e) {
            events.emit("agent: unreadable command dropped: " + e.getMessage());
            delete(m);
            return;
        }
        send(MessageCodec.write(result), "command-result");
        delete(m);
    }

    private void send(String body, String type) {
        sqs.sendMessage(r -> r.queueUrl(reportsUrl).messageBody(body).messageAttributes(Map.of(
                ShimPublisher.TYPE_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
    }

    private void delete(Message m) {
        sqs.deleteMessage(r -> r.queueUrl(commandsUrl).receiptHandle(m.receiptHandle()));
    }
}
