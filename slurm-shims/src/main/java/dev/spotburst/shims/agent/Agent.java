package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.MessageFormatException;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.shims.ShimLog;
import dev.spotburst.shims.request.RequestQueue;
import dev.spotburst.shims.request.Spool;
import dev.spotburst.shims.settings.HeadNodeSettings;
import dev.spotburst.shims.sqs.SqsMessages;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The head-node agent: applies commands from the commands queue, delivers spooled requests, posts Slurm snapshots.
 *
 * <p>Restart safety comes from the queue: a command is deleted only after its result is on the reports queue. If
 * the agent dies in between, the command becomes visible again and is applied a second time, which is harmless
 * because every command is idempotent and "already done" counts as success.
 */
public final class Agent {

    private final HeadNodeSettings settings;
    private final SqsClient sqs;
    private final CommandApplier applier;
    private final Scontrol scontrol;
    /** squeue, for the jobs on each node; null = snapshots carry no jobs. */
    private final Scontrol squeue;
    private final SnapshotSchedule schedule;
    private final Spool spool;
    private final RequestQueue requests;
    private final Clock clock;
    private final ShimLog log;
    private Instant nextCheck = Instant.MIN;
    private SnapshotSchedule.Posted lastPosted;

    public Agent(HeadNodeSettings settings, SqsClient sqs, CommandApplier applier, Scontrol scontrol, Spool spool,
                 RequestQueue requests, Clock clock, ShimLog log) {
        this(settings, sqs, applier, scontrol, null, SnapshotSchedule.withHeartbeat(settings.snapshotInterval()), spool,
                requests, clock, log);
    }

    public Agent(HeadNodeSettings settings, SqsClient sqs, CommandApplier applier, Scontrol scontrol, Scontrol squeue,
                 SnapshotSchedule schedule, Spool spool, RequestQueue requests, Clock clock, ShimLog log) {
        this.settings = settings;
        this.sqs = sqs;
        this.applier = applier;
        this.scontrol = scontrol;
        this.squeue = squeue;
        this.schedule = schedule;
        this.spool = spool;
        this.requests = requests;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Runs until {@code stop} says so; each turn is spool, a look at Slurm's node states every schedule floor
     * (posting a snapshot when they changed or the heartbeat is due), one long poll.
     */
    public void runUntil(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            try {
                deliverSpool();
                Instant now = clock.instant();
                if (!now.isBefore(nextCheck)) {
                    nextCheck = now.plus(schedule.floor());
                    snapshotIfDue(now);
                }
                long untilCheck = Math.max(1, java.time.Duration.between(clock.instant(), nextCheck).toSeconds());
                pollCommands((int) Math.min(SqsMessages.LONG_POLL_SECONDS, untilCheck));
            } catch (RuntimeException e) {
                log.error("agent turn failed, retrying in 5 s: " + e);
                sleep(5_000);
            }
        }
    }

    /** Receives one batch and handles it in order; returns how many commands were finished (deleted). */
    public int pollCommands(int waitSeconds) {
        List<Message> batch = sqs.receiveMessage(SqsMessages.receiveCommands(settings.commandsQueueUrl(), waitSeconds))
                .messages();
        int done = 0;
        for (Message m : batch) {
            if (!handle(m)) {
                // Leave the rest invisible: FIFO order within the group is kept when they reappear.
                break;
            }
            done++;
        }
        return done;
    }

    private boolean handle(Message m) {
        CommandMessage command;
        try {
            command = MessageCodec.readCommand(m.body());
            if (command.cluster() != null && !command.cluster().equals(settings.cluster())) {
                throw new MessageFormatException("command for cluster '" + command.cluster() + "' reached the agent of '"
                        + settings.cluster() + "'");
            }
        } catch (MessageFormatException e) {
            return reject(m, e.getMessage());
        }
        CommandResult result = applier.apply(command);
        log.info("command=" + command.id() + " type=" + command.command().getClass().getSimpleName()
                + " outcome=" + result.outcome() + (result.detail() == null ? "" : " detail=" + oneLine(result.detail())));
        try {
            sqs.sendMessage(SqsMessages.result(settings.reportsQueueUrl(), result));
        } catch (RuntimeException e) {
            log.warn("command=" + command.id() + " result not reported, command stays queued and is re-applied: " + e);
            return false;
        }
        delete(m);
        return true;
    }

    private boolean reject(Message m, String reason) {
        log.warn("message=" + m.messageId() + " rejected as poison: " + reason);
        if (settings.commandsDlqUrl() == null) {
            log.error("no commandsDlqUrl configured; dropping poison message " + m.messageId() + " body=" + oneLine(m.body()));
        } else {
            try {
                sqs.sendMessage(SqsMessages.poison(settings.commandsDlqUrl(), m, reason));
            } catch (RuntimeException e) {
                log.warn("message=" + m.messageId() + " could not be dead-lettered, leaving it queued: " + e);
                return false;
            }
        }
        delete(m);
        return true;
    }

    private void delete(Message m) {
        sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(settings.commandsQueueUrl())
                .receiptHandle(m.receiptHandle()).build());
    }

    /** Sends spooled requests oldest first under their original ids; stops at the first failure. */
    public int deliverSpool() {
        List<Path> files;
        try {
            files = spool.pending();
        } catch (IOException e) {
            log.warn("cannot list spool " + spool.dir() + ": " + e);
            return 0;
        }
        int sent = 0;
        for (Path file : files) {
            PowerSaveRequest request;
            try {
                request = spool.read(file);
            } catch (IOException | RuntimeException e) {
                quarantine(file, e);
                continue;
            }
            try {
                requests.send(request);
                spool.remove(request.id());
                sent++;
                log.info("request=" + request.id() + " kind=" + request.kind().wire() + " nodes=" + request.hostlist()
                        + " delivered from spool");
            } catch (Exception e) {
                log.warn("spool delivery paused, queue unreachable: " + e);
                break;
            }
        }
        return sent;
    }

    private void quarantine(Path file, Exception why) {
        try {
            Path moved = spool.quarantine(file);
            log.error("unreadable spool file moved to " + moved + ": " + why.getMessage());
        } catch (IOException e) {
            log.error("unreadable spool file " + file + " cannot be moved aside: " + e);
        }
    }

    /** Posts the cloud nodes as scontrol sees them, now; skipped (logged) when scontrol fails. */
    public boolean postSnapshot() {
        List<SlurmSnapshot.Node> nodes = cloudNodes();
        if (nodes == null) {
            return false;
        }
        post(nodes, clock.instant(), SnapshotSchedule.Decision.FIRST);
        return true;
    }

    /** Looks at Slurm's node states and posts a snapshot if the schedule says so; returns the decision. */
    public SnapshotSchedule.Decision snapshotIfDue(Instant now) {
        List<SlurmSnapshot.Node> nodes = cloudNodes();
        if (nodes == null) {
            return SnapshotSchedule.Decision.SKIP;
        }
        SnapshotSchedule.Decision decision = schedule.decide(lastPosted, nodes, now);
        if (decision.posts()) {
            post(nodes, now, decision);
        }
        return decision;
    }

    private List<SlurmSnapshot.Node> cloudNodes() {
        ProcessResult show = scontrol.run(List.of("-o", "show", "nodes"));
        if (!show.succeeded()) {
            log.warn("snapshot skipped, scontrol show nodes failed: " + oneLine(show.text()));
            return null;
        }
        return ShowNodesParser.cloudNodes(show.stdout());
    }

    private void post(List<SlurmSnapshot.Node> nodes, Instant now, SnapshotSchedule.Decision why) {
        SlurmSnapshot snapshot = new SlurmSnapshot(SlurmSnapshot.SCHEMA_VERSION, now, settings.cluster(),
                SqueueJobs.attach(nodes, jobsByNode()));
        sqs.sendMessage(SqsMessages.snapshot(settings.reportsQueueUrl(), snapshot));
        lastPosted = new SnapshotSchedule.Posted(now, SnapshotSchedule.states(nodes));
        if (why == SnapshotSchedule.Decision.CHANGED) {
            log.info("snapshot posted: node states changed, nodes=" + nodes.size());
        }
    }

    /** Jobs per node from squeue; none (logged) when squeue is not configured or fails. */
    private java.util.Map<String, List<Long>> jobsByNode() {
        if (squeue == null) {
            return java.util.Map.of();
        }
        ProcessResult r = squeue.run(SqueueJobs.ARGS);
        if (!r.succeeded()) {
            log.warn("snapshot without jobs, squeue failed: " + oneLine(r.text()));
            return java.util.Map.of();
        }
        try {
            return SqueueJobs.byNode(r.stdout());
        } catch (IllegalArgumentException e) {
            log.warn("snapshot without jobs: " + e.getMessage());
            return java.util.Map.of();
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').strip();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
