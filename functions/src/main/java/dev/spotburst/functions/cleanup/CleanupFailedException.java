package dev.spotburst.functions.cleanup;

/**
 * The cleanup cannot finish: the message names the resource and the EC2 error code, and becomes the FAILED reason
 * the Provider framework sends to CloudFormation. Never retried by us (a permission or protection problem does not
 * fix itself within a stack delete).
 */
public class CleanupFailedException extends RuntimeException {
    public CleanupFailedException(String message) {
        super(message);
    }

    public CleanupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
