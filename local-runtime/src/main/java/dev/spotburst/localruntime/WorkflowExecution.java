package dev.spotburst.localruntime;

import java.time.Duration;
import java.time.Instant;

/**
 * One local state machine execution started by an event rule, as the Step Functions console would list it.
 *
 * @param instanceId the {@code detail.instance-id} of the event that started it (null if none)
 * @param status     SUCCEEDED, FAILED, TIMED_OUT, or ABORTED (the runtime was closed, or the interpreter broke)
 * @param endState   the last state entered (Survived, Lost, LeftToRescue, NotOurs, …)
 * @param polls      how often the execution entered its {@code Status} task
 */
public record WorkflowExecution(String workflow, String eventId, String instanceId, Instant startedAt,
                                Instant endedAt, String status, String endState, String error, long polls) {

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
