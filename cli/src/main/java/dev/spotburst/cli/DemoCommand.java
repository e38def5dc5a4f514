package dev.spotburst.cli;

import dev.spotburst.config.ConfigProblem;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.localruntime.demo.DemoReport;
import dev.spotburst.localruntime.demo.DemoRunner;
import dev.spotburst.localruntime.demo.Timeline;
import dev.spotburst.localslurm.demo.RealSlurmAvailability;
import dev.spotburst.localslurm.demo.RealSlurmDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code spotburst demo}: the whole flow on this machine, nothing in AWS. Starts the local cloud (EC2 emulator,
 * DynamoDB Local, ElasticMQ on 127.0.0.1), the control plane's real handlers and a simulated Slurm — or, with
 * {@code --slurm real} (or auto when possible), real Slurm daemons in network namespaces ({@code local-slurm}) —
 * drives a scenario, prints a timeline and a summary, and stops everything. {@code burst}: a burst of jobs onto scarce Spot
 * capacity; exit 1 when an instance was left behind, a job was lost or a requested node ended neither ready nor
 * failed with a reason. {@code interruptions}: Spot interruptions (hibernate and terminate), rebalance
 * recommendations and a storm injected into the emulator under running jobs; exit 1 when an instance was left
 * behind, a job was lost or no interruption could be injected (a demo that showed nothing is not a success).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a scenario (a burst of jobs, or Spot interruptions under running jobs) against a local cloud "
                + "and a simulated or real Slurm (--slurm); print the timeline and a summary.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFiles files;

    @Option(names = "--json", description = "Print only one JSON summary on stdout (the timeline and logs go to stderr).")
    boolean json;

    @Option(names = "--scenario", defaultValue = "burst", paramLabel = "NAME",
            description = "Scenario to run (${COMPLETION-CANDIDATES}). Default: ${DEFAULT-VALUE}.",
            completionCandidates = Scenarios.class)
    String scenario;

    @Option(names = "--nodes", defaultValue = "40", paramLabel = "N",
            description = "Nodes the burst's jobs ask for in total (burst only). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--timeout", defaultValue = "50", paramLabel = "SECONDS",
            description = "Stop waiting for scale-down after this long. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--slurm", defaultValue = "auto", paramLabel = "MODE",
            description = "Slurm to drive: real (the slurmctld/slurmd/munge daemons in network namespaces; root, "
                    + "via bin/spotburst), sim (simulated) or auto (real when possible, else sim with a note). "
                    + "Default: ${DEFAULT-VALUE}.")
    String slurm;

    static final class Scenarios extends java.util.ArrayList<String> {
        Scenarios() {
            super(DemoRunner.SCENARIOS);
        }
    }

    @Override
    public Integer call() {
        if (nodes < 1 || nodes > 500) {
            throw new InvalidInputException("spotburst: --nodes must be 1..500, got " + nodes);
        }
        if (!DemoRunner.SCENARIOS.contains(scenario)) {
            throw new InvalidInputException("spotburst: unknown --scenario '" + scenario + "'; known: " + DemoRunner.SCENARIOS);
        }
        var err = spec.commandLine().getErr();
        var choice = SlurmChoice.decide(slurm, scenario, slurm.equalsIgnoreCase("sim") ? java.util.Optional.empty()
                : RealSlurmAvailability.unavailableReason(SlurmChoice.shimLauncher(), SlurmChoice.shimJar()));
        if (choice.note() != null) {
            err.println("spotburst: using the simulated Slurm: " + choice.note());
            err.flush();
        }
        ConfigResult config = files.load(err);
        for (ConfigProblem p : config.problems()) {
            err.println(p);
        }
        err.flush();
        if (!config.ok()) {
            throw new InvalidInputException("spotburst: configuration has " + config.errors().size() + " error(s); no demo");
        }
        // Quiet the libraries' INFO logs; the timeline is the demo's output.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        var out = spec.commandLine().getOut();
        PrintStream stdout = System.out;
        if (json) {
            System.setOut(System.err); // anything a library prints during the run must not corrupt the JSON
        }
        DemoReport summary;
        try {
            var timeline = json ? new Timeline(System.err) : new Timeline(out);
            if (choice.real()) {
                // Real Slurm runs its own cluster configuration (one subnet = the namespaces' bridge); the burst
                // settles in ~1.5 min (Slurm's 30 s scheduling tick, SuspendTime), so wait at least 5 min.
                timeline.line("real Slurm: the built-in cluster (partition burst: spot/od/hib groups), not --config");
                summary = RealSlurmDemo.run(new RealSlurmDemo.Options(Duration.ofSeconds(Math.max(timeoutSeconds,
                        300)), SlurmChoice.shimLauncher(), SlurmChoice.shimJar()), timeline);
            } else {
                summary = DemoRunner.report(config.config(), new DemoRunner.Options(scenario, nodes,
                        Duration.ofSeconds(timeoutSeconds), 42), timeline);
            }
        } finally {
            System.setOut(stdout);
        }
        if (json) {
            out.println(summary.toJson());
        } else {
            out.println();
            out.print(summary.text());
        }
        out.flush();
        return summary.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
