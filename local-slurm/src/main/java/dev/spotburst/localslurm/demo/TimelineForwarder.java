package dev.spotburst.localslurm.demo;

import dev.spotburst.localruntime.demo.Timeline;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns the harness's live timeline lines ({@code [e2e <scenario>]   12.3s  text}) into the demo's timeline
 * lines, so {@code demo --slurm real} prints what the simulated demo prints: one line per event, stamped by the
 * demo's own clock. The harness's per-scenario headers and closing blocks are dropped.
 */
final class TimelineForwarder extends OutputStream {

    private static final Pattern EVENT = Pattern.compile("^\\[e2e [^]]+]\\s+-?[0-9.]+s {2}(.*)$");

    private final Timeline timeline;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private TimelineForwarder(Timeline timeline) {
        this.timeline = timeline;
    }

    static PrintStream to(Timeline timeline) {
        return new PrintStream(new TimelineForwarder(timeline), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            var text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            var m = EVENT.matcher(text);
            if (m.matches()) {
                timeline.line(m.group(1));
            }
        } else {
            line.write(b);
        }
    }
}
