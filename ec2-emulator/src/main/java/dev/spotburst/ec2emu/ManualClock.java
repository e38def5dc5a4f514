package dev.spotburst.ec2emu;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Virtual time for deterministic tests. */
public final class ManualClock implements EmulatorClock {

    private Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + d);
        }
        now = now.plus(d);
    }

    @Override
    public boolean isManual() {
        return true;
    }
}
