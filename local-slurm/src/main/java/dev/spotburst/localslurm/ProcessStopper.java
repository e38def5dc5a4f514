package dev.spotburst.localslurm;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops processes the harness started, by pid: SIGTERM, a grace period, then SIGKILL for what is left. */
final class ProcessStopper {

    private ProcessStopper() {
    }

    static void stop(ProcessHandle process, Duration grace) {
        stopAll(List.of(process), grace);
    }

    static void stopAll(Collection<ProcessHandle> processes, Duration grace) {
        var alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (var p : alive) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // Still alive after the grace period (or interrupted): killed below.
            }
        }
        alive.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Handles for pids read from /proc or {@code ip netns pids}; pids that already exited are skipped. */
    static List<ProcessHandle> handles(Collection<Long> pids) {
        return pids.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
    }
}
