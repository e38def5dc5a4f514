package dev.spotburst.functions.ec2;

import dev.spotburst.functions.launch.CapacityErrors;
import dev.spotburst.functions.launch.ThrottledException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Retries EC2 calls rejected with {@code RequestLimitExceeded}: exponential backoff with full jitter, bounded in
 * attempts so a Lambda invocation ends well inside its timeout. Other errors pass through untouched.
 */
public final class ThrottleRetry {
    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final LongConsumer sleeper;
    private final LongUnaryOperator jitter;

    public ThrottleRetry(Duration base, Duration cap, int maxAttempts, LongConsumer sleeper, LongUnaryOperator jitter) {
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** 0.5 s doubling to 8 s, 6 attempts: under ~30 s of waiting in the worst case. */
    public static ThrottleRetry standard() {
        return new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 6, ThrottleRetry::sleep,
                bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    public <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (Ec2Exception e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (!CapacityErrors.isThrottle(code)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    throw new ThrottledException(operation, attempt, e);
                }
                long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
                sleeper.accept(jitter.applyAsLong(ceiling));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
