package dev.spotburst.functions.launch;

/** EC2 kept throttling after bounded retries. Retryable: the SQS message returns to the queue, nodes stay as they are. */
public class ThrottledException extends RuntimeException {
    public ThrottledException(String operation, int attempts, Throwable cause) {
        super(operation + " still throttled after " + attempts + " attempts", cause);
    }
}
