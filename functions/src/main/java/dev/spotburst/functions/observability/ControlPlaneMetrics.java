package dev.spotburst.functions.observability;

/**
 * Port: where the control plane records its metrics. Implementations collect during an invocation and write once at
 * its end ({@link #flush}); the handler that owns the invocation flushes. Recording never throws into business code.
 */
@FunctionalInterface
public interface ControlPlaneMetrics {

    /** Records nothing: for callers (tests, tools) that do not observe. */
    ControlPlaneMetrics NONE = m -> {
    };

    void record(ControlPlaneMetric metric);

    /** Writes what was recorded since the last flush. */
    default void flush() {
    }
}
