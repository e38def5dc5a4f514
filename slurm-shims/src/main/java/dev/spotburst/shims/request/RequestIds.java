package dev.spotburst.shims.request;

import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Request ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds then random bits. They are unique per shim
 * call, and their text sorts by creation time, which gives the spool its oldest-first order for free.
 */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next(Instant now, RandomGenerator random) {
        long millis = now.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
