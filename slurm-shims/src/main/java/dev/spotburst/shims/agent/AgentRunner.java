package dev.spotburst.shims.agent;

import dev.spotburst.shims.ShimLog;
import dev.spotburst.shims.request.Spool;
import dev.spotburst.shims.settings.HeadNodeSettings;
import dev.spotburst.shims.sqs.SqsClients;
import dev.spotburst.shims.sqs.SqsRequestQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wires the agent from the settings and runs it until SIGTERM (systemd stop). */
public final class AgentRunner {

    /** scontrol normally answers in milliseconds; a stalled controller must not freeze the agent (P5: ~10 s stalls). */
    static final Duration SCONTROL_TIMEOUT = Duration.ofSeconds(30);

    static final Duration STOP_WAIT = Duration.ofSeconds(45);

    static final String FLOOR_ENV = "SPOTBURST_SNAPSHOT_FLOOR_SECONDS";

    private AgentRunner() {
    }

    public static int runForever(HeadNodeSettings settings, Map<String, String> env) {
        ShimLog log = ShimLog.stderr("agent");
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // No interrupt: a command being applied must finish and be reported (an interrupted scontrol would be
        // reported FAILED and deleted). The turn ends within one long poll (<= 20 s), inside systemd's stop timeout.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                // Not Thread.join: main may be blocked in System.exit, waiting for this very hook.
                finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (SqsClient sqs = SqsClients.forAgent(settings.region(), null, env)) {
            Agent agent = create(settings, sqs, Clock.systemUTC(), log, schedule(settings, env));
            log.info("started cluster=" + settings.cluster() + " commands=" + settings.commandsQueueUrl()
                    + " spool=" + settings.spoolDir());
            agent.runUntil(stop::get);
        } finally {
            // Log before releasing the shutdown hook: once it returns the JVM halts, and a later line is lost.
            log.info("stopped");
            finished.countDown();
        }
        return 0;
    }

    public static Agent create(HeadNodeSettings settings, SqsClient sqs, Clock clock, ShimLog log) {
        return create(settings, sqs, clock, log, SnapshotSchedule.withHeartbeat(settings.snapshotInterval()));
    }

    public static Agent create(HeadNodeSettings settings, SqsClient sqs, Clock clock, ShimLog log,
                               SnapshotSchedule schedule) {
        Scontrol scontrol = new ScontrolRunner(settings.scontrol(), settings.slurmConf(), SCONTROL_TIMEOUT);
        Scontrol squeue = new ScontrolRunner(settings.slurmBinPath().resolve("squeue"), settings.slurmConf(),
                SCONTROL_TIMEOUT);
        return new Agent(settings, sqs, new CommandApplier(scontrol, clock), scontrol, squeue, schedule,
                new Spool(settings.spoolDir()), new SqsRequestQueue(sqs, settings.requestsQueueUrl()), clock, log);
    }

    /**
     * The heartbeat is the settings' {@code snapshotIntervalSeconds}; the floor (how often Slurm is looked at, and
     * the shortest gap between two posts) is {@value #FLOOR_ENV} seconds if set, else 10 s.
     */
    static SnapshotSchedule schedule(HeadNodeSettings settings, Map<String, String> env) {
        String floor = env.get(FLOOR_ENV);
        if (floor == null || floor.isBlank()) {
            return SnapshotSchedule.withHeartbeat(settings.snapshotInterval());
        }
        try {
            return new SnapshotSchedule(Duration.ofSeconds(Long.parseLong(floor.strip())), settings.snapshotInterval());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FLOOR_ENV + " must be a whole number of seconds, got '" + floor + "'");
        }
    }
}
