package dev.spotburst.ec2emu;

import java.time.Duration;
import java.time.Instant;

/** Wall-clock time plus an offset that {@link #advance} grows (fast-forward for the demo). */
public final class SystemClock implements EmulatorClock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Instant.now().plus(offset);
    }

    @Override
    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + d);
        }
        offset = offset.plus(d);
    }

    @Override
    public boolean isManual() {
        return false;
    }
}
