package dev.spotburst.localruntime.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.handlers.SlurmReportHandler;
import dev.spotburst.localruntime.demo.DemoEnvironment;
import dev.spotburst.localruntime.sim.SimSettings;
import dev.spotburst.messages.MessageCodec;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an idle cluster (no jobs) costs per month. Measured in accelerated time, then extrapolated: (1) the agent
 * posts a snapshot every second for {@code snapshotSeconds} with the reconcile schedule off, giving DynamoDB and
 * SQS calls per snapshot; (2) {@code ticks} reconciles are invoked back to back, giving EC2 / DynamoDB calls and
 * handler wall time per reconcile. The hourly rates of production (reconcile every ReconcileIntervalSeconds,
 * snapshot every 60 s, 20 s long polls, Lambda's SQS pollers) turn these into calls per hour and, with
 * {@link Prices}, dollars per month.
 */
final class IdleCostBench {
    record Result(double reconcileMillis, double reportMillis, double ec2PerTick, double dynamoReadsPerTick,
                  double dynamoWritesPerTick, double dynamoReadsPerSnapshot, double dynamoWritesPerSnapshot,
                  int snapshotBytes, Prices.Monthly monthly) {
    }

    static Result run(ClusterConfig config, int ticks, int snapshotSeconds, PrintStream log) {
        var sim = SimSettings.from(config.plugin(), 1).withSnapshotInterval(Duration.ofSeconds(1))
                .withCommandPollWait(Duration.ofSeconds(1)).withPowerSaveInterval(Duration.ofSeconds(1));
        try (var env = DemoEnvironment.start(config, new DemoEnvironment.Options(sim, Duration.ofHours(1), 1000,
                Duration.ZERO, Duration.ZERO), line -> { })) {
            var calls = env.callLog();
            // (1) snapshots only
            var before = calls.calls();
            var slurm = env.startSlurm(text -> { });
            sleep(Duration.ofSeconds(snapshotSeconds));
            slurm.close();
            sleep(Duration.ofSeconds(2)); // the report handler drains the last snapshots
            long snapshots = slurm.snapshotsPosted();
            var afterSnapshots = calls.calls();
            double readsPerSnapshot = delta(before, afterSnapshots, Prices::dynamoRead) / (double) snapshots;
            double writesPerSnapshot = delta(before, afterSnapshots, Prices::dynamoWrite) / (double) snapshots;
            // (2) reconciles only
            long ec2Before = sum(env.emulator().control().callCounts());
            var reconcileMillis = new ArrayList<Double>();
            for (int i = 0; i < ticks; i++) {
                long t0 = System.nanoTime();
                env.controlPlane().reconcileNow();
                reconcileMillis.add((System.nanoTime() - t0) / 1e6);
            }
            var afterTicks = calls.calls();
            double ec2PerTick = (sum(env.emulator().control().callCounts()) - ec2Before) / (double) ticks;
            double readsPerTick = delta(afterSnapshots, afterTicks, Prices::dynamoRead) / (double) ticks;
            double writesPerTick = delta(afterSnapshots, afterTicks, Prices::dynamoWrite) / (double) ticks;
            // report handler wall time, invoked directly with one snapshot (what one idle invocation carries)
            var ctl = new dev.spotburst.localruntime.sim.SlurmController(config, sim,
                    dev.spotburst.localruntime.sim.SimEvents.NONE);
            String body = MessageCodec.write(ctl.snapshot(config.clusterName(), Instant.now()));
            var handler = new SlurmReportHandler(env.controlPlane().controlPlane().store);
            var reportMillis = new ArrayList<Double>();
            for (int i = 0; i < ticks; i++) {
                var m = new SQSEvent.SQSMessage();
                m.setMessageId("m" + i);
                m.setBody(MessageCodec.write(ctl.snapshot(config.clusterName(), Instant.now())));
                var e = new SQSEvent();
                e.setRecords(List.of(m));
                long t0 = System.nanoTime();
                handler.handleRequest(e, null);
                reportMillis.add((System.nanoTime() - t0) / 1e6);
            }
            double rec = BenchConfigs.median(reconcileMillis);
            double rep = BenchConfigs.median(reportMillis);
            int reconcilesPerHour = 3600 / Math.max(60, config.plugin().spotburst().reconcileIntervalSeconds());
            // Snapshot storage (functions' state/dynamo/SnapshotItems): an unchanged snapshot touches a small marker
            // item; the compressed body is rewritten on change and at least every REFRESH_MINUTES. Sizes are the
            // stored items' real sizes.
            var stored = storedSnapshotItems(env);
            int bodyBytes = Prices.itemBytes(stored.getOrDefault("SLURM#SNAPSHOT", Map.of()));
            int markerBytes = Prices.itemBytes(stored.getOrDefault("SLURM#SNAPSHOT#SEEN", Map.of()));
            int bodyWru = Math.max(1, (bodyBytes + 1023) / 1024);
            int markerWru = Math.max(1, (markerBytes + 1023) / 1024);
            // per minute: one marker touch; per refresh: a failed touch, the body and the marker
            double snapshotWru = markerWru + (markerWru + bodyWru + markerWru) / (double) REFRESH_MINUTES;
            double snapshotRru = Math.max(1, (bodyBytes + markerBytes + 4095) / 4096);
            var monthly = Prices.idleMonthly(reconcilesPerHour, 60, rec, rep, readsPerTick, writesPerTick,
                    readsPerSnapshot, snapshotWru, snapshotRru);
            // What the agent could add (not done: slurm-shims): post only on change, plus a heartbeat every 5 minutes.
            // Counted as a full write each time (failed touch, body, marker): posts 5 min apart always hit the refresh.
            var agentOnChange = Prices.idleMonthly(reconcilesPerHour, 12, rec, rep, readsPerTick, writesPerTick,
                    readsPerSnapshot, 2 * markerWru + bodyWru, snapshotRru);
            log.printf("  idle: per reconcile %.1f EC2 Describe calls, %.1f DynamoDB reads, %.1f writes, %.0f ms; per snapshot "
                            + "(%d bytes JSON; stored body %d B = %d WRU, marker %d B = %d WRU) %.1f reads, %.2f writes "
                            + "measured, %.2f WRU steady state, report handler %.0f ms; %s%n", ec2PerTick, readsPerTick,
                    writesPerTick, rec, body.length(), bodyBytes, bodyWru, markerBytes, markerWru, readsPerSnapshot,
                    writesPerSnapshot, snapshotWru, rep, monthly.text());
            log.printf("  idle, if the agent posted only on change + every 5 min: %s%n", agentOnChange.text());
            return new Result(rec, rep, ec2PerTick, readsPerTick, writesPerTick, readsPerSnapshot, writesPerSnapshot,
                    body.length(), monthly);
        }
    }

    /** functions' SnapshotItems.REFRESH: the body is rewritten at least this often even when unchanged. */
    static final int REFRESH_MINUTES = 5;

    private static Map<String, Map<String, AttributeValue>> storedSnapshotItems(DemoEnvironment env) {
        var cp = env.controlPlane();
        var out = new java.util.HashMap<String, Map<String, AttributeValue>>();
        cp.clients().dynamo().query(q -> q.tableName(cp.resources().table()).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CLUSTER"), ":sk", AttributeValue.fromS("SLURM#SNAPSHOT"))))
                .items().forEach(i -> out.put(i.get("sk").s(), i));
        return out;
    }

    private static long delta(Map<String, Long> a, Map<String, Long> b, java.util.function.Predicate<String> which) {
        long sum = 0;
        for (var e : b.entrySet()) {
            if (which.test(e.getKey())) {
                sum += e.getValue() - a.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
