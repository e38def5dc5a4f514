package dev.spotburst.functions.requests;

/** One SQS message of a batch, without the Lambda event types. */
public record QueuedMessage(String messageId, String body) {
}
