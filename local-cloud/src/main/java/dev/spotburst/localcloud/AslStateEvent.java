package dev.spotburst.localcloud;

/**
 * One entry of an execution's event log: {@code type} is ExecutionStarted, StateEntered, StateExited, StateFailed,
 * StateRetried, StateCaught, MapIterationStarted…; {@code state} the state's name (null for execution events),
 * {@code index} the Map iteration, {@code error}/{@code cause} set on failures.
 */
public record AslStateEvent(String type, String state, String stateType, String parentState, Integer index,
                            String error, String cause) {
}
