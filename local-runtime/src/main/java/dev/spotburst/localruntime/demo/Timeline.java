package dev.spotburst.localruntime.demo;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The demo's live output: one line per event, prefixed with the seconds since the run started. Thread-safe. */
public final class Timeline {
    private final PrintWriter out;
    private final long startNanos = System.nanoTime();

    public Timeline(PrintWriter out) {
        this.out = out;
    }

    public Timeline(PrintStream out) {
        this(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized void line(String text) {
        out.printf("%+7.2fs %s%n", elapsedSeconds(), text);
        out.flush();
    }
}
