package dev.spotburst.functions.resume;

import dev.spotburst.model.NodeName;

import java.time.Instant;

/**
 * One node to resume, with the issue time of the Slurm request that named it (for reordering checks). A launch the
 * control plane starts on its own (reconciler, workflow) carries no time: it is not a newer request, so it must not
 * make Slurm's requests already queued look stale (a suspend sent while the node was RESUMING would be dropped).
 */
public record NodeRequest(NodeName node, Instant issuedAt) {

    /** A launch the control plane drives by itself (stuck RESUMING node, min nodes, replacement): no request time. */
    public static NodeRequest redrive(NodeName node) {
        return new NodeRequest(node, null);
    }
}
