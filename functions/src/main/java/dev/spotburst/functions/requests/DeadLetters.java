package dev.spotburst.functions.requests;

/** Port: parks a message that can never succeed, with the reason, so it does not block the FIFO group. */
public interface DeadLetters {
    /** Message attribute carrying the reason. */
    String ERROR_ATTRIBUTE = "spotburst-error";

    void park(QueuedMessage message, String reason);
}
