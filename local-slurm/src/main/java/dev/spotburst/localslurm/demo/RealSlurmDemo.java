package dev.spotburst.localslurm.demo;

import dev.spotburst.localruntime.demo.DemoSummary;
import dev.spotburst.localruntime.demo.Timeline;
import dev.spotburst.localslurm.SlurmCluster;
import dev.spotburst.localslurm.SlurmJob;
import dev.spotburst.localslurm.SlurmNodeState;
import dev.spotburst.localslurm.stack.E2eConfig;
import dev.spotburst.localslurm.stack.SpotburstStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code spotburst demo --slurm real}: a short burst against real Slurm 22.05 daemons (munged, slurmctld, one slurmd
 * per EC2 emulator instance, each in a network namespace without a default route) driven by spotburst's real shims,
 * agent and control plane on the local cloud — the e2e suite's {@link SpotburstStack}, with its built-in cluster
 * configuration (partition {@code burst}, groups spot/od/hib). Three single-node jobs on the Spot group and one
 * two-node job on the On-Demand group; the run ends when every job finished, every node is powered down again and no
 * instance is left, or at the deadline. Everything it started is stopped and its temporary folder removed, also on
 * failure and on Ctrl-C (shutdown hook).
 */
public final class RealSlurmDemo {

    public static final String SCENARIO = "burst-real-slurm";
    static final String SPOT_TYPE = "c5.large";
    static final String OD_TYPE = "m5.large";

    /**
     * @param deadline     give up waiting for the cluster to settle after this long
     * @param shimLauncher {@code slurm-shims/src/main/resources/bin/spotburst-shim}
     * @param shimJar      the shaded {@code spotburst-shims.jar}
     */
    public record Options(Duration deadline, Path shimLauncher, Path shimJar) {
    }

    private RealSlurmDemo() {
    }

    public static DemoSummary run(Options options, Timeline timeline) {
        // bin/spotburst-netns made the namespace for this JVM: it goes when the JVM exits, however the run ends.
        dev.spotburst.localslurm.E2eNetwork.removeNamespaceAtExit();
        Path scratch = shortScratch();
        var state = new Object() {
            SpotburstStack stack;
            boolean cleaned;
        };
        Runnable cleanup = () -> {
            synchronized (state) {
                if (state.cleaned) {
                    return;
                }
                state.cleaned = true;
                try {
                    if (state.stack != null) {
                        state.stack.close();
                    }
                } catch (RuntimeException e) {
                    timeline.line("cleanup: " + e.getMessage());
                } finally {
                    deleteTree(scratch);
                }
            }
        };
        var hook = new Thread(cleanup, "spotburst-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        // The control plane's SDK clients take region and (dummy) credentials from the environment, as the
        // simulated demo arranges in DemoEnvironment; restored afterwards.
        var saved = new LinkedHashMap<String, String>();
        for (var k : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            saved.put(k, System.getProperty(k));
        }
        System.setProperty("aws.region", SpotburstStack.REGION);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            timeline.line("starting local cloud + control plane + real Slurm 22.05 (munged, slurmctld; one slurmd per "
                    + "instance, each in its own network namespace) under " + scratch);
            state.stack = SpotburstStack.start(new SpotburstStack.Options(scratch, options.shimLauncher(),
                    options.shimJar(), TimelineForwarder.to(timeline)));
            return burst(state.stack, options, timeline);
        } finally {
            cleanup.run();
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or ran already.
            }
        }
    }

    /**
     * Where the demo's folder goes: the temporary directory, or {@code /tmp} when that path is too long. slurmd's
     * step sockets live under the spool folder ({@code <folder>/e2e-<stamp>/spool/slurmd.<node>/<node>_<job>.<step>},
     * ~75 bytes below the folder) and a Unix socket path may not exceed 108 bytes: longer, and every batch job's
     * launch fails and Slurm holds it.
     */
    public static Path scratchParent() {
        var tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        return tmp.toString().length() <= 12 ? tmp : Path.of("/tmp");
    }

    /** A short, world-traversable folder (munged refuses a socket under a folder others cannot enter). */
    private static Path shortScratch() {
        var parent = scratchParent();
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < 100; i++) {
            var dir = parent.resolve("spotburst-demo-" + pid + (i == 0 ? "" : "-" + i));
            try {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                return dir;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // next name
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the demo's temporary folder under " + parent, e);
            }
        }
        throw new IllegalStateException("no free spotburst-demo-" + pid + "-N folder under " + parent);
    }

    private static DemoSummary burst(SpotburstStack stack, Options options, Timeline timeline) {
        var cluster = stack.cluster();
        var partition = E2eConfig.PARTITION;
        try (var s = cluster.scenario("demo")) {
            double t0 = timeline.elapsedSeconds();
            var jobs = new ArrayList<Long>();
            for (int i = 0; i < 3; i++) {
                jobs.add(cluster.sbatchWrap("sleep 5; hostname", "-p", partition, "-C", SPOT_TYPE));
            }
            jobs.add(cluster.sbatch("#!/bin/sh\nsrun hostname | sort\n", "-p", partition, "-C", OD_TYPE, "-N", "2"));
            s.mark("submitted jobs " + jobs + " (3 × 1 node on " + SPOT_TYPE + ", 1 × 2 nodes on " + OD_TYPE + ")");
            var seen = new NodesSeen();
            long deadline = System.nanoTime() + options.deadline().toNanos();
            boolean settled = false;
            while (System.nanoTime() < deadline) {
                var nodes = cluster.nodeStates();
                seen.observe(nodes);
                var states = jobs.stream().map(cluster::job).toList();
                var held = states.stream().filter(j -> j.state().equals("PENDING")
                        && j.reason().toLowerCase(java.util.Locale.ROOT).contains("held")).toList();
                if (!held.isEmpty()) {
                    s.mark("Slurm holds job(s) " + held.stream().map(SlurmJob::compact).toList()
                            + ": they will not run again; ending the run");
                    break;
                }
                if (states.stream().allMatch(SlurmJob::isFinished) && seen.anyPoweredUp()
                        && nodes.stream().allMatch(n -> n.isPoweredDown() && !n.isPoweringDown())
                        && stack.liveInstances().isEmpty() && cluster.instances().nodes().isEmpty()) {
                    settled = true;
                    break;
                }
                sleep(500);
            }
            if (settled) {
                s.mark("cluster settled: every job finished, every node powered down, no instance left");
            } else {
                s.mark("deadline reached before the cluster settled: " + cluster.nodeStates().stream()
                        .filter(n -> !n.isPoweredDown()).map(n -> n.node() + "=" + n.compact()).toList());
            }
            return summary(stack, cluster, jobs, seen, timeline.elapsedSeconds() - t0);
        }
    }

    /** What the poll loop saw of each node during the run. */
    static final class NodesSeen {
        final TreeSet<String> ready = new TreeSet<>();
        final Map<String, String> downReasons = new TreeMap<>();

        void observe(List<SlurmNodeState> nodes) {
            for (var n : nodes) {
                if (n.isPoweredUp() && !n.base().equals("DOWN")) {
                    ready.add(n.node());
                } else if (n.base().equals("DOWN") && !n.reason().isEmpty()) {
                    downReasons.putIfAbsent(n.node(), n.reason());
                }
            }
        }

        boolean anyPoweredUp() {
            return !ready.isEmpty();
        }
    }

    private static DemoSummary summary(SpotburstStack stack, SlurmCluster cluster, List<Long> jobs, NodesSeen seen,
                                       double seconds) {
        var finals = jobs.stream().map(cluster::job).toList();
        int completed = (int) finals.stream().filter(j -> j.state().equals("COMPLETED")).count();
        int requeues = finals.stream().mapToInt(SlurmJob::restarts).sum();
        var hooks = stack.headNode().hookCalls();
        var resumeAt = new LinkedHashMap<String, java.time.Instant>();
        for (var call : hooks) {
            if (call.hook().equals("spotburst-resume") && !call.dropped()) {
                for (var node : hostnames(cluster, call.hostlist())) {
                    resumeAt.putIfAbsent(node, call.at());
                }
            }
        }
        var requested = new TreeSet<>(resumeAt.keySet());
        int ready = (int) requested.stream().filter(seen.ready::contains).count();
        var reasons = new TreeMap<String, Integer>();
        int failed = 0;
        for (var node : requested) {
            var reason = seen.downReasons.get(node);
            if (!seen.ready.contains(node) && reason != null) {
                failed++;
                reasons.merge(reason, 1, Integer::sum);
            }
        }
        var instances = stack.emulator().control().instances();
        var latencies = new ArrayList<Long>();
        resumeAt.forEach((node, at) -> instances.stream()
                .filter(i -> node.equals(stack.nodeOf(i)) && !i.launchTime().isBefore(at))
                .min(Comparator.comparing(dev.spotburst.ec2emu.InstanceView::launchTime))
                .ifPresent(i -> latencies.add(Duration.between(at, i.launchTime()).toMillis())));
        var live = stack.liveInstances();
        int orphans = (int) live.stream().filter(i -> stack.nodeOf(i) == null).count();
        Map<String, Long> ec2 = new TreeMap<>(stack.emulator().control().callCounts());
        long total = ec2.values().stream().mapToLong(Long::longValue).sum();
        long mutating = ec2.entrySet().stream()
                .filter(e -> dev.spotburst.localruntime.demo.DemoSummaryMath.mutating(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        int lost = jobs.size() - completed;
        int unaccounted = requested.size() - ready - failed;
        boolean ok = orphans == 0 && live.isEmpty() && lost == 0 && unaccounted == 0;
        return new DemoSummary(SCENARIO, Math.round(seconds * 100) / 100.0, ok, jobs.size(), completed, lost, requeues,
                requested.size(), ready, failed, unaccounted, reasons, orphans, live.size(), ec2, total, mutating,
                requested.isEmpty() ? 0 : Math.round(1000.0 * mutating / requested.size()) / 1000.0,
                dev.spotburst.localruntime.demo.Percentiles.of(latencies),
                "ResumeProgram call (its wrapper's timestamp in hooks.log) to the LaunchTime of the node's instance "
                        + "at the EC2 emulator", commandsApplied(stack), stack.controlPlane().handlerErrors());
    }

    /** Commands the head-node agent(s) reported as applied or already done (their logs' outcome lines). */
    private static long commandsApplied(SpotburstStack stack) {
        long n = 0;
        for (int g = 1; g <= stack.agentGeneration(); g++) {
            try (Stream<String> lines = Files.lines(stack.agentLog(g))) {
                n += lines.filter(l -> l.contains(" outcome=APPLIED") || l.contains(" outcome=ALREADY_DONE")).count();
            } catch (IOException | UncheckedIOException e) {
                // no log: the agent never wrote one
            }
        }
        return n;
    }

    private static List<String> hostnames(SlurmCluster cluster, String hostlist) {
        return cluster.scontrol("show", "hostnames", hostlist).orThrow().stdout().lines()
                .filter(l -> !l.isBlank()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a file still held open by a dying daemon
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
