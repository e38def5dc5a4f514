package dev.spotburst.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An in-process stand-in for the Lambda function behind a Task state. Return the function's result; throw
 * {@link TaskFailure} to fail with a chosen error name (what Retry/Catch {@code ErrorEquals} match). Any other
 * exception fails the task with the exception's class name as error, as the Lambda Java runtime reports it.
 * Called concurrently for Map/Parallel states.
 */
@FunctionalInterface
public interface TaskHandler {
    JsonNode handle(JsonNode input) throws Exception;
}
