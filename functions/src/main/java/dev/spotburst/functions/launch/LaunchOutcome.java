package dev.spotburst.functions.launch;

import java.util.List;

/** What one launch call produced: instances (possibly fewer than asked) and per-pool errors. */
public record LaunchOutcome(List<LaunchedInstance> instances, List<LaunchError> errors) {
    public LaunchOutcome {
        instances = List.copyOf(instances);
        errors = List.copyOf(errors);
    }

    public static LaunchOutcome failed(LaunchError e) {
        return new LaunchOutcome(List.of(), List.of(e));
    }
}
