package dev.spotburst.localslurm.demo;

import dev.spotburst.localruntime.demo.Timeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineForwarderTest {

    @Test
    void forwardsEventLinesAndDropsHeadersAndBlocks() {
        var text = new StringWriter();
        var out = TimelineForwarder.to(new Timeline(new PrintWriter(text)));
        out.println("[e2e] ===== demo =====");
        out.println("[e2e demo]    12.3s  node burst-spot-0 idle~ [IDLE+CLOUD+POWERED_DOWN]");
        out.println("[e2e] ----- timeline of demo -----");
        out.println("[e2e]      12.3s  node burst-spot-0 idle~ [IDLE+CLOUD+POWERED_DOWN]");
        out.print("[e2e setup]     0.0s  spotburst stack up in 4.2 s");
        out.print("\n");

        var lines = text.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("s node burst-spot-0 idle~ [IDLE+CLOUD+POWERED_DOWN]");
        assertThat(lines.get(1)).endsWith("s spotburst stack up in 4.2 s");
    }

    @Test
    void harnessTimelineFormatIsWhatTheForwarderParses() {
        // SlurmCluster's Timeline prints "[e2e <scenario>] " + Event, Event being "%7.1fs  %s".
        assertThat(new dev.spotburst.localslurm.Timeline.Event(3.25, "x").toString()).isEqualTo("    3.3s  x");
    }
}
