package dev.spotburst.cli;

/** The exit codes scripts may rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** Invalid input (bad config, bad hostlist, bad arguments): picocli also uses 2 for usage errors. */
    public static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }
}
