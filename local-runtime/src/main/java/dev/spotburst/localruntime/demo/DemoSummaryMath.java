package dev.spotburst.localruntime.demo;

/** Shared arithmetic of the demo and benchmark summaries. */
public final class DemoSummaryMath {
    private DemoSummaryMath() {
    }

    /** EC2 actions that only read; every other action changes something (and has the tighter rate limits). */
    public static boolean mutating(String action) {
        return !(action.startsWith("Describe") || action.startsWith("Get"));
    }
}
