package dev.spotburst.ec2emu;

import java.time.Duration;
import java.time.Instant;

/**
 * The only source of time inside the emulator. Tests use {@link #manual(Instant)} and move it explicitly; the demo
 * uses {@link #system()}, which can still be fast-forwarded (it keeps an offset) so "wait two minutes" is instant.
 */
public interface EmulatorClock {

    Instant now();

    /** Moves this clock forward. Scheduled transitions run on the next {@code EmulatorControl.tick()}. */
    void advance(Duration d);

    /** True when time only moves through {@link #advance}: no background ticking is needed. */
    boolean isManual();

    static EmulatorClock manual(Instant start) {
        return new ManualClock(start);
    }

    static EmulatorClock system() {
        return new SystemClock();
    }
}
