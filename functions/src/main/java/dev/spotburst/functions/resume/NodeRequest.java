package dev.spotburst.functions.resume;

import dev.spotburst.model.NodeName;

import java.time.Instant;

/** One node named by a power-save request, with the request's issue time (for reordering checks). */
public record NodeRequest(NodeName node, Instant issuedAt) {
}
