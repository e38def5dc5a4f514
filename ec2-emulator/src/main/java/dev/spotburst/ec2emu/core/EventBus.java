package dev.spotburst.ec2emu.core;

import dev.spotburst.ec2emu.CloudEventSink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers events in the order they were produced, outside the world lock: a sink may call back into the emulator
 * (the local event bus invokes handlers that call EC2) without deadlocking. Whoever finds the queue unattended drains
 * it; a sink that throws is logged and skipped, as EventBridge would not stop on one failing target.
 */
public final class EventBus {

    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
    private static final int KEEP = 10_000;

    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final List<CloudEventSink> sinks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Deque<String> recent = new ArrayDeque<>();

    /** Called with the world lock held, so queue order is production order. */
    void enqueue(String json) {
        pending.add(json);
        synchronized (recent) {
            recent.addLast(json);
            if (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
    }

    public void addSink(CloudEventSink sink) {
        sinks.add(sink);
    }

    public List<String> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public void drain() {
        while (!pending.isEmpty()) {
            if (!draining.compareAndSet(false, true)) {
                return;
            }
            try {
                String e;
                while ((e = pending.poll()) != null) {
                    for (CloudEventSink s : sinks) {
                        try {
                            s.publish(e);
                        } catch (RuntimeException ex) {
                            LOG.log(Level.WARNING, "event sink failed", ex);
                        }
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
