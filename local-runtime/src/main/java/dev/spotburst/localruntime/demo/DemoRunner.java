package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.localruntime.sim.SimSettings;
import dev.spotburst.localruntime.sim.SimStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a scenario end to end against the local cloud and returns its summary; everything it started is closed
 * before it returns. Demo timings: power-save pass every 250 ms, SuspendTime 3 s, ResumeTimeout 20 s, reconcile
 * every 2 s, instances boot in 1 s.
 */
public final class DemoRunner {
    static final Duration RESUME_TIMEOUT = Duration.ofSeconds(20);
    static final Duration SUSPEND_TIME = Duration.ofSeconds(3);
    static final Duration SUSPEND_TIMEOUT = Duration.ofSeconds(1);
    static final String LATENCY_METHOD = "SQS SentTimestamp (from the consumer's ReceiveMessage) to the first "
            + "transmission of the CreateFleet/RunInstances call that produced the node's instance (SDK interceptor)";

    /** @param deadline the run gives up waiting for scale-down after this long (the summary then shows what is left) */
    public record Options(String scenario, int nodes, Duration deadline, long seed) {
        public static Options defaults() {
            return new Options("burst", 40, Duration.ofSeconds(50), 42);
        }
    }

    /** Every scenario {@link #report} runs. */
    public static final List<String> SCENARIOS = List.of("burst", InterruptionScenario.NAME);

    private DemoRunner() {
    }

    /** Runs the named scenario ({@link #SCENARIOS}) and returns its summary. */
    public static DemoReport report(ClusterConfig userConfig, Options options, Timeline timeline) {
        return switch (options.scenario()) {
            case InterruptionScenario.NAME -> runInterruptions(userConfig, options, timeline);
            default -> run(userConfig, options, timeline);
        };
    }

    /** {@code --scenario interruptions}; see {@link InterruptionScenario}. {@code nodes} is not used. */
    public static InterruptionSummary runInterruptions(ClusterConfig userConfig, Options options, Timeline timeline) {
        return InterruptionScenario.run(userConfig, options, timeline);
    }

    public static DemoSummary run(ClusterConfig userConfig, Options options, Timeline timeline) {
        if (!BurstScenario.NAMES.contains(options.scenario())) {
            throw new IllegalArgumentException("unknown scenario '" + options.scenario() + "'; known: " + BurstScenario.NAMES);
        }
        var config = DemoConfig.adapt(userConfig, RESUME_TIMEOUT, SUSPEND_TIME, SUSPEND_TIMEOUT);
        var conf = config.plugin();
        var sim = new SimSettings(Math.max(1, conf.intSetting("ResumeRate", 300)), Math.max(1, conf.intSetting("SuspendRate", 60)),
                SUSPEND_TIME, SUSPEND_TIMEOUT, RESUME_TIMEOUT, Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        var scenario = BurstScenario.burst(config, options.nodes(), options.seed());
        timeline.line("starting local cloud + control plane for cluster " + config.clusterName() + " ("
                + config.nodeGroups().count() + " node groups, " + scenario.jobs().size() + " jobs)");
        try (var env = DemoEnvironment.start(config, new DemoEnvironment.Options(sim, Duration.ofSeconds(2), 1000,
                Duration.ofSeconds(1), Duration.ofSeconds(1)), timeline::line)) {
            for (var limit : scenario.capacity()) {
                env.emulator().control().setCapacity(limit.instanceType(), limit.availabilityZone(), limit.market(),
                        limit.available());
                if (limit.available() == 0) {
                    timeline.line("capacity: no " + limit.market() + " " + limit.instanceType() + " in " + limit.availabilityZone());
                } else {
                    timeline.line("capacity: " + limit.available() + " " + limit.market() + " " + limit.instanceType()
                            + " in " + limit.availabilityZone());
                }
            }
            double t0 = timeline.elapsedSeconds();
            var slurm = env.startSlurm(timeline::line);
            for (var job : scenario.jobs()) {
                sleepUntil(timeline, t0 + job.at().toMillis() / 1000.0);
                slurm.submit(job.partition(), job.nodes(), job.duration());
            }
            double giveUp = t0 + options.deadline().toMillis() / 1000.0;
            SimStatus status = slurm.status();
            while (timeline.elapsedSeconds() < giveUp && !(status.quiescent() && env.liveInstances().isEmpty())) {
                sleepUntil(timeline, timeline.elapsedSeconds() + 0.25);
                status = slurm.status();
            }
            if (!status.quiescent()) {
                timeline.line("deadline reached before the cluster settled: " + status.nodeStates());
            } else {
                timeline.line("cluster settled: every node powered down, no job left");
            }
            return summarize(options.scenario(), timeline.elapsedSeconds() - t0, env, status);
        }
    }

    private static DemoSummary summarize(String scenario, double seconds, DemoEnvironment env, SimStatus status) {
        var f = RunFigures.of(env, status);
        int lost = status.jobsSubmitted() - status.jobsCompleted();
        boolean ok = f.orphans() == 0 && lost == 0 && f.unaccounted() == 0;
        return new DemoSummary(scenario, Math.round(seconds * 100) / 100.0, ok, status.jobsSubmitted(),
                status.jobsCompleted(), lost, status.requeues(), f.requested(), f.ready(), f.failed(),
                f.unaccounted(), f.failureReasons(), f.orphans(), f.leftoverInstances(), f.ec2Calls(), f.ec2CallsTotal(),
                f.mutatingEc2Calls(), f.mutatingEc2CallsPerNode(), f.launchRequestLatency(), LATENCY_METHOD,
                f.commandsApplied(), f.handlerErrors());
    }

    static void sleepUntil(Timeline timeline, double second) {
        long ms = Math.round((second - timeline.elapsedSeconds()) * 1000);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("demo interrupted", e);
            }
        }
    }
}
