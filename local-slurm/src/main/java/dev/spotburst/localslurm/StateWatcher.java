package dev.spotburst.localslurm;

import java.util.HashMap;
import java.util.Map;

/**
 * Polls {@code scontrol -o show nodes} and {@code scontrol -o show jobs} twice a second and writes every change of a
 * node's or job's state into the timeline, so the log shows the whole sequence ({@code idle~ → allocated# → …})
 * and not just the states a test waited for.
 */
final class StateWatcher implements AutoCloseable {

    private static final long PERIOD_MILLIS = 500;

    private final SlurmCluster cluster;
    private final Timeline timeline;
    private final Map<String, String> lastNodes = new HashMap<>();
    private final Map<Long, String> lastJobs = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StateWatcher(SlurmCluster cluster, Timeline timeline) {
        this.cluster = cluster;
        this.timeline = timeline;
        this.thread = Thread.ofPlatform().daemon().name("e2e-state-watcher").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                // The controller may be restarting or stalled; the waiters report real failures.
                timeline.mark("watcher: " + e.getMessage().lines().findFirst().orElse(""));
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() {
        for (var n : cluster.nodeStates()) {
            var shown = n.compact() + " [" + n.fullState() + "]"
                    + (n.reason().isEmpty() ? "" : " reason=\"" + n.reason() + "\"");
            if (!shown.equals(lastNodes.put(n.node(), shown))) {
                timeline.mark("node " + n.node() + " " + shown);
            }
        }
        for (var j : cluster.jobs()) {
            var shown = j.compact();
            if (!shown.equals(lastJobs.put(j.id(), shown))) {
                timeline.mark("job " + j.id() + " " + shown);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
