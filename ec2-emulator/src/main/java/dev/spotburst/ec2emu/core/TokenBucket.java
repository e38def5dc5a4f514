package dev.spotburst.ec2emu.core;

import java.time.Duration;
import java.time.Instant;

/** Classic token bucket over emulator time, so throttling tests are deterministic with a manual clock. */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private Instant last;

    TokenBucket(double rate, int burst, Instant now) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    synchronized boolean tryTake(Instant now) {
        if (now.isAfter(last)) {
            double secs = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + secs * rate);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
