package dev.spotburst.localcloud;

import java.util.List;
import java.util.Objects;

/** A named rule: events matching {@code pattern} go to every target. */
public record EventRule(String name, EventPattern pattern, List<EventTarget> targets) {
    public EventRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("event rule '" + name + "' needs at least one target");
        }
    }
}
