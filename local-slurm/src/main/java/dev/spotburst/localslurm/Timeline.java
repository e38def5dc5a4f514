package dev.spotburst.localslurm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened during one scenario, each event stamped with the seconds since the scenario began. Events are printed
 * as they happen (so a hung scenario still shows how far it got) and again as a block by {@link #print()}, which is
 * what the CI log shows per scenario. Thread-safe: the state watcher, the instance simulator and the test all write.
 */
public final class Timeline {

    public record Event(double seconds, String text) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%7.1fs  %s", seconds, text);
        }
    }

    private final PrintStream out;
    private final List<Event> events = new ArrayList<>();
    private String scenario = "setup";
    private long startNanos = System.nanoTime();

    public Timeline(PrintStream out) {
        this.out = out;
    }

    /** Starts a new scenario: the clock restarts at zero and earlier events are dropped. */
    public synchronized void begin(String name) {
        scenario = name;
        startNanos = System.nanoTime();
        events.clear();
        out.println("[e2e] ===== " + name + " =====");
    }

    public synchronized void mark(String text) {
        var e = new Event(elapsedSeconds(), text);
        events.add(e);
        out.println("[e2e " + scenario + "] " + e);
    }

    public synchronized double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Prints the whole scenario timeline as one block, with its total duration. */
    public synchronized void print() {
        out.println("[e2e] ----- timeline of " + scenario + " -----");
        events.forEach(e -> out.println("[e2e]   " + e));
        out.println(String.format(Locale.ROOT, "[e2e] ----- %s took %.1f s -----", scenario, elapsedSeconds()));
    }
}
