package dev.spotburst.functions.reliability;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.functions.it.LocalTable;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, "Reliability": random schedules of resume / suspend / resume-fail requests, duplicate and reordered
 * deliveries, capacity shortages, throttling, clock jumps, reconcile passes and crashes between effects (EC2 calls
 * applied but their response lost, DynamoDB writes applied but reported failed, command sends), run against the EC2
 * emulator and DynamoDB Local; then quiescence, then the invariants of {@link Invariants}. A failure prints the
 * shrunk schedule step by step. Figures (schedules, steps, crashes fired, wall time) are printed at the end.
 */
class ControlPlaneReliabilityIT {
    static AmazonDynamoDBLocal ddb;
    static final AtomicInteger TABLES = new AtomicInteger();
    static final Stats STATS = new Stats();

    @BeforeContainer
    static void start() {
        LocalTable.ensureTmpDir();
        ddb = DynamoDBEmbedded.create(true);
        // Crashes are logged as errors with stack traces by design; thousands of them would drown the build log.
        Configurator.setLevel("dev.spotburst", Level.OFF);
        STATS.startNanos = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        Configurator.setLevel("dev.spotburst", Level.INFO);
        if (ddb != null) {
            ddb.shutdown();
        }
        System.out.println(STATS.report());
    }

    /** Quiescence: at least 4 rounds of 2 minutes (past the 300 s orphan grace), at most 40 (80 minutes). */
    static final int MIN_ROUNDS = 4;
    static final int MAX_ROUNDS = 40;
    static final List<Fault.Target> ALL_PORTS = List.of(Fault.Target.EC2, Fault.Target.STORE, Fault.Target.SLURM);

    /** One message per invocation, FIFO: what the deployed queue guarantees once a failed message blocks its group. */
    @Provide
    Arbitrary<Schedule> schedules() {
        return Generators.schedules(4, 30, 1, false, ALL_PORTS);
    }

    @Property(tries = 150)
    @AddLifecycleHook(ExplorationSettings.class)
    void invariantsHoldAfterQuiescence(@ForAll("schedules") Schedule schedule) {
        var violations = runAndCheck(schedule, 1, false, STATS);
        assertThat(violations).as("violations after\n%s", schedule).isEmpty();
    }

    @Provide
    Arbitrary<Schedule> batchedSchedules() {
        return Generators.schedules(4, 30, 4, false, ALL_PORTS);
    }

    @Provide
    Arbitrary<Schedule> reorderedSchedules() {
        return Generators.schedules(4, 30, 1, true, ALL_PORTS);
    }

    /** Batches of up to four messages, in FIFO order: one failed message makes SQS redeliver it and all after it. */
    @Property(tries = 60)
    @AddLifecycleHook(ExplorationSettings.class)
    void invariantsHoldWithBatchesOfSeveralMessages(@ForAll("batchedSchedules") Schedule schedule) {
        assertThat(runAndCheck(schedule, 4, false, STATS)).as("violations after\n%s", schedule).isEmpty();
    }

    /** Deliveries may take newer messages before older ones ("the newest request per node wins", PowerSaveBatch). */
    @Property(tries = 60)
    @AddLifecycleHook(ExplorationSettings.class)
    void invariantsHoldWhenNewerRequestsOvertakeOlderOnes(@ForAll("reorderedSchedules") Schedule schedule) {
        assertThat(runAndCheck(schedule, 1, false, STATS)).as("violations after\n%s", schedule).isEmpty();
    }

    /** Every held instance has a launch record and every gone instance's record is closed (the cost report's input). */
    @Property(tries = 60)
    @AddLifecycleHook(ExplorationSettings.class)
    void launchAccountingSurvivesCrashes(@ForAll("schedules") Schedule schedule) {
        assertThat(runAndCheck(schedule, 1, true, STATS)).as("violations after\n%s", schedule).isEmpty();
    }

    /** Runs one schedule in a fresh emulator and table; returns the violations (empty when every invariant holds). */
    static List<String> runAndCheck(Schedule schedule, int maxBatch, boolean accounting, Stats stats) {
        long t0 = System.nanoTime();
        try (var w = new ReliabilityWorld(ddb, "rel" + TABLES.incrementAndGet())) {
            long t1 = System.nanoTime();
            for (var step : schedule.steps()) {
                w.run(step);
            }
            int firedBeforeQuiescence = w.faults.fired().size();
            long t2 = System.nanoTime();
            var q = w.quiesce(schedule.restoreCapacityAtEnd(), maxBatch, MIN_ROUNDS, MAX_ROUNDS);
            long t3 = System.nanoTime();
            var violations = new ArrayList<>(Invariants.check(w));
            if (accounting) {
                violations.addAll(Invariants.accounting(w));
            }
            if (stats != null) {
                stats.time(t1 - t0, t2 - t1, t3 - t2, System.nanoTime() - t3);
            }
            if (!q.fixpoint()) {
                violations.add("no fixpoint after " + q.rounds() + " quiescence rounds; last reconcile actions: " + q.lastActions());
            }
            if (stats != null) {
                stats.add(schedule, w, firedBeforeQuiescence, q.rounds());
            }
            if (!violations.isEmpty()) {
                violations.add("(crashes fired: " + w.faults.fired() + ", final states " + Invariants.statesOf(w)
                        + ", commands " + w.slurm.sent.stream().map(c -> c.command().toString()).toList() + ")");
            }
            return violations;
        }
    }

    /** Figures for the report. */
    static final class Stats {
        long startNanos;
        int schedules;
        long steps;
        long requests;
        long deliveries;
        long failedInvocations;
        long crashesFired;
        long quiescenceRounds;
        final Map<String, Long> finalStates = new TreeMap<>();
        final long[] phaseNanos = new long[4];

        synchronized void time(long... nanos) {
            for (int i = 0; i < nanos.length; i++) {
                phaseNanos[i] += nanos[i];
            }
        }

        synchronized void add(Schedule s, ReliabilityWorld w, int fired, int rounds) {
            schedules++;
            steps += s.steps().size();
            requests += w.all.size();
            deliveries += w.deliveries;
            failedInvocations += w.failedInvocations;
            crashesFired += fired;
            quiescenceRounds += rounds;
            Invariants.statesOf(w).forEach((k, v) -> finalStates.merge(k, v, Long::sum));
        }

        String report() {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            return String.format("reliability: %d schedules (incl. shrinking), %d steps, %d requests, %d deliveries, "
                            + "%d failed invocations, %d crashes fired, %d quiescence rounds, final node states %s, "
                            + "%.1f s wall (%.0f ms per schedule; setup/steps/quiesce/check %d/%d/%d/%d ms in all)",
                    schedules, steps, requests, deliveries, failedInvocations, crashesFired, quiescenceRounds,
                    finalStates, ms / 1000.0, schedules == 0 ? 0.0 : (double) ms / schedules,
                    phaseNanos[0] / 1_000_000, phaseNanos[1] / 1_000_000, phaseNanos[2] / 1_000_000, phaseNanos[3] / 1_000_000);
        }
    }
}
