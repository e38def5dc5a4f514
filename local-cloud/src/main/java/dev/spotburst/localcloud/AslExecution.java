package dev.spotburst.localcloud;

import java.util.List;
import java.util.Objects;

/**
 * The result of one local execution. {@code outputJson} is set when SUCCEEDED; {@code error}/{@code cause} when
 * FAILED or TIMED_OUT (for a Fail state: its Error and Cause). Events and task calls are in arrival order, which for
 * concurrent Map iterations is not deterministic.
 */
public record AslExecution(Status status, String outputJson, String error, String cause, List<AslStateEvent> events,
                           List<AslTaskCall> taskCalls) {

    public enum Status { SUCCEEDED, FAILED, TIMED_OUT }

    public AslExecution {
        Objects.requireNonNull(status, "status");
        events = List.copyOf(events);
        taskCalls = List.copyOf(taskCalls);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** Names of the states entered, in order, including repeats (Choice loops, retries do not re-enter). */
    public List<String> enteredStates() {
        return events.stream().filter(e -> "StateEntered".equals(e.type())).map(AslStateEvent::state).toList();
    }

    public long timesEntered(String state) {
        return events.stream().filter(e -> "StateEntered".equals(e.type()) && state.equals(e.state())).count();
    }

    public long timesRetried(String state) {
        return events.stream().filter(e -> "StateRetried".equals(e.type()) && state.equals(e.state())).count();
    }

    public List<AslTaskCall> callsTo(String state) {
        return taskCalls.stream().filter(c -> state.equals(c.state())).toList();
    }
}
