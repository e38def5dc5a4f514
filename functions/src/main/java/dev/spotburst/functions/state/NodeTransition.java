package dev.spotburst.functions.state;

/**
 * One conditional node write for {@link StateStore#transitionAll}: {@code next} is written only if the stored record
 * still is {@code expected} (state and version), exactly as {@link StateStore#transition}.
 */
public record NodeTransition(NodeRecord expected, NodeRecord next) {
}
