package dev.spotburst.ec2emu.core;

import java.time.Instant;
import java.util.PriorityQueue;

/** Due transitions ordered by time, then by scheduling order. Guarded by the world lock. */
final class Scheduler {

    record Task(Instant due, long seq, String what, Runnable action) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;

    void at(Instant due, String what, Runnable action) {
        queue.add(new Task(due, seq++, what, action));
    }

    Task pollDue(Instant now) {
        Task t = queue.peek();
        if (t == null || t.due.isAfter(now)) {
            return null;
        }
        return queue.poll();
    }

    int size() {
        return queue.size();
    }
}
