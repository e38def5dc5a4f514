package dev.spotburst.functions.cleanup;

/** EC2 kept throttling or could not be reached: the pass stops here and the next isComplete poll carries on. */
public class CleanupRetryableException extends RuntimeException {
    public CleanupRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
