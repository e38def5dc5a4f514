package dev.spotburst.localslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real Slurm 22.05 cluster for one test class: a private munged, slurmctld with the spec's cloud nodes, and the
 * {@link SimulatedInstances} its power-save programs boot. Everything lives under {@code target/e2e-<timestamp>/}
 * and inside the isolated network namespace ({@link E2eNetwork}); every Slurm client call sets {@code SLURM_CONF}.
 * {@link #close()} (also run by a shutdown hook) stops every process and removes every namespace and cgroup it made.
 */
public final class SlurmCluster implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final Path scratch;
    private final Path slurmConf;
    private final CommandRunner clients;
    private final Timeline timeline;
    private final Thread shutdownHook = new Thread(this::close, "e2e-cluster-shutdown");
    private Munge munge;
    private Slurmctld slurmctld;
    private SimulatedInstances instances;
    private HostsFile hosts;
    private boolean closed;

    private SlurmCluster(Path scratch, java.io.PrintStream timelineOut) {
        this.scratch = scratch;
        this.timeline = new Timeline(timelineOut);
        this.slurmConf = scratch.resolve("etc/slurm.conf");
        this.clients = new CommandRunner(Map.of("SLURM_CONF", slurmConf.toString()), Duration.ofSeconds(30));
    }

    /** Starts a cluster under {@code <scratchRoot>/e2e-<timestamp>} (scratch root: system property e2e.scratchRoot). */
    public static SlurmCluster start(ClusterSpec spec) {
        return start(spec, Path.of(System.getProperty("e2e.scratchRoot", "target")));
    }

    public static SlurmCluster start(ClusterSpec spec, Path scratchRoot) {
        return start(spec, scratchRoot, System.out);
    }

    /** @param timelineOut where the timeline's lines are printed as they happen */
    public static SlurmCluster start(ClusterSpec spec, Path scratchRoot, java.io.PrintStream timelineOut) {
        E2eNetwork.verifyIsolated();
        E2eNetwork.removeNamespaceAtExit();
        requireBinaries();
        var stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var cluster = new SlurmCluster(scratchRoot.toAbsolutePath().resolve("e2e-" + stamp), timelineOut);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startDaemons(spec);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the e2e cluster", io)
                    : (RuntimeException) e;
        }
    }

    private void startDaemons(ClusterSpec spec) throws IOException {
        long t0 = System.nanoTime();
        SimulatedInstances.cleanupStale(new CommandRunner(Map.of(), Duration.ofSeconds(20)));
        for (var dir : List.of("etc", "run", "log", "state", "spool", "jobs")) {
            Files.createDirectories(scratch.resolve(dir));
        }
        var host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().split("\\.")[0];
        Files.writeString(slurmConf, SlurmConfText.render(spec, scratch, host));
        hosts = new HostsFile(scratch.resolve("etc/hosts"), Files.readString(Path.of("/etc/hosts")),
                spec.plannedAddresses());
        hosts.write();
        munge = Munge.start(scratch, clients);
        slurmctld = Slurmctld.start(scratch, slurmConf, hosts.file(), clients);
        instances = new SimulatedInstances(slurmConf, scratch, timeline);
        timeline.mark(String.format(java.util.Locale.ROOT, "cluster up in %.1f s (scratch %s, munged pid %d, "
                + "slurmctld pid %d)", (System.nanoTime() - t0) / 1e9, scratch, munge.pid(), slurmctld.pid()));
    }

    private static void requireBinaries() {
        var missing = E2ePrerequisites.missingPrograms();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing programs for the e2e suite: " + missing + " (install the Debian "
                    + "packages slurmctld slurmd slurm-client munge iproute2 util-linux, as .ci/run does)");
        }
    }

    // ---- Slurm clients -------------------------------------------------------------------------------------

    public CommandRunner.Result scontrol(String... args) {
        return clients.run(prepend("scontrol", args));
    }

    public CommandRunner.Result sinfo(String... args) {
        return clients.run(prepend("sinfo", args));
    }

    public CommandRunner.Result squeue(String... args) {
        return clients.run(prepend("squeue", args));
    }

    /** Submits a batch script (written to the scratch folder); output goes to {@link #jobOutput}. Returns the job id. */
    public long sbatch(String script, String... opts) {
        try {
            var file = Files.createTempFile(scratch.resolve("jobs"), "job-", ".sh");
            Files.writeString(file, script);
            var argv = new ArrayList<>(sbatchBase());
            argv.addAll(List.of(opts));
            argv.add(file.toString());
            return parseJobId(clients.run(argv).orThrow().stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write job script", e);
        }
    }

    /** {@code sbatch --wrap <command>}. */
    public long sbatchWrap(String command, String... opts) {
        var argv = new ArrayList<>(sbatchBase());
        argv.addAll(List.of(opts));
        argv.add("--wrap=" + command);
        return parseJobId(clients.run(argv).orThrow().stdout());
    }

    public Path jobOutput(long jobId) {
        return scratch.resolve("jobs/slurm-" + jobId + ".out");
    }

    public SlurmJob job(long jobId) {
        var out = scontrol("-o", "show", "job", Long.toString(jobId)).orThrow().stdout();
        return SlurmJob.parse(out.lines().findFirst().orElse(""));
    }

    public List<SlurmJob> jobs() {
        return scontrol("-o", "show", "jobs").orThrow().stdout().lines()
                .filter(l -> l.startsWith("JobId=")).map(SlurmJob::parse).toList();
    }

    public SlurmNodeState nodeState(String node) {
        var out = scontrol("-o", "show", "node", node).orThrow().stdout();
        return SlurmNodeState.parse(out.lines().findFirst().orElse(""));
    }

    public List<SlurmNodeState> nodeStates() {
        return scontrol("-o", "show", "nodes").orThrow().stdout().lines()
                .filter(l -> l.startsWith("NodeName=")).map(SlurmNodeState::parse).toList();
    }

    // ---- waiting, with a timeline ----------------------------------------------------------------------------

    /** Begins a scenario: restarts the timeline and records every node/job change until the scenario is closed. */
    public Scenario scenario(String name) {
        timeline.begin(name);
        return new Scenario(timeline, new StateWatcher(this, timeline));
    }

    /** A running scenario; closing it stops the watcher and prints the scenario's timeline. */
    public static final class Scenario implements AutoCloseable {
        private final Timeline timeline;
        private final StateWatcher watcher;

        private Scenario(Timeline timeline, StateWatcher watcher) {
            this.timeline = timeline;
            this.watcher = watcher;
        }

        public void mark(String text) {
            timeline.mark(text);
        }

        public double elapsedSeconds() {
            return timeline.elapsedSeconds();
        }

        @Override
        public void close() {
            watcher.close();
            timeline.print();
        }
    }

    public SlurmNodeState awaitNode(String node, String what, Predicate<SlurmNodeState> condition, Duration timeout) {
        return await("node " + node + " " + what, () -> nodeState(node), condition, SlurmNodeState::compact, timeout);
    }

    public SlurmJob awaitJob(long jobId, String what, Predicate<SlurmJob> condition, Duration timeout) {
        return await("job " + jobId + " " + what, () -> job(jobId), condition, SlurmJob::compact, timeout);
    }

    private <T> T await(String what, java.util.function.Supplier<T> probe, Predicate<T> condition,
                        java.util.function.Function<T, String> show, Duration timeout) {
        timeline.mark("waiting for " + what + " (up to " + timeout.toSeconds() + " s)");
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            if (!slurmctld.isAlive()) {
                throw new IllegalStateException("slurmctld died while waiting for " + what + "; see " + scratch.resolve("log"));
            }
            last = probe.get();
            if (condition.test(last)) {
                timeline.mark("reached: " + what + " -> " + show.apply(last));
                return last;
            }
            if (System.nanoTime() > deadline) {
                timeline.mark("TIMEOUT: " + what + ", last seen " + show.apply(last));
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen " + show.apply(last) + "; logs in " + scratch.resolve("log"));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    // ---- accessors and teardown ------------------------------------------------------------------------------

    public Path scratch() {
        return scratch;
    }

    public Path slurmConf() {
        return slurmConf;
    }

    public Timeline timeline() {
        return timeline;
    }

    public SimulatedInstances instances() {
        return instances;
    }

    /** The controller's hosts file: point a node name at its instance's address when the instance gets one. */
    public HostsFile hosts() {
        return hosts;
    }

    public boolean isControllerAlive() {
        return slurmctld != null && slurmctld.isAlive();
    }

    /** Stops every slurmd (deleting their namespaces, veths and cgroups), slurmctld and munged. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        var errors = new ArrayList<RuntimeException>();
        for (AutoCloseable part : new AutoCloseable[] {instances, slurmctld, munge}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                errors.add(new IllegalStateException("teardown of " + part.getClass().getSimpleName() + " failed", e));
            }
        }
        try {
            SimulatedInstances.cleanupStale(new CommandRunner(Map.of(), Duration.ofSeconds(20)));
        } catch (RuntimeException e) {
            errors.add(e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this close() is the hook itself.
        }
        timeline.mark("cluster stopped (scratch " + scratch + ")");
        if (!errors.isEmpty()) {
            var first = errors.getFirst();
            errors.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private List<String> sbatchBase() {
        return List.of("sbatch", "--parsable", "--chdir=" + scratch.resolve("jobs"),
                "--output=" + scratch.resolve("jobs/slurm-%j.out"));
    }

    private static long parseJobId(String parsable) {
        var text = parsable.strip().split(";")[0];
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("sbatch --parsable printed '" + parsable.strip() + "', not a job id", e);
        }
    }

    private static List<String> prepend(String program, String... args) {
        var argv = new ArrayList<String>(args.length + 1);
        argv.add(program);
        argv.addAll(List.of(args));
        return argv;
    }
}
