package dev.spotburst.functions.state;

import dev.spotburst.model.NodeGroupId;

import java.time.Instant;

/**
 * Per node group safety state. {@code consecutiveBootFailures} counts launches that never registered with Slurm,
 * reset by a node becoming READY; past {@code protectAfterBootFailures} the group is protected (no launches) until
 * an operator clears it, so a broken AMI or launch template does not burn money in a loop.
 */
public record NodeGroupRecord(NodeGroupId group, long version, int consecutiveBootFailures, Instant protectedSince,
                              String lastCapacityErrors, Instant updatedAt) {

    public static NodeGroupRecord initial(NodeGroupId group) {
        return new NodeGroupRecord(group, 0, 0, null, null, Instant.EPOCH);
    }

    public boolean isProtected() {
        return protectedSince != null;
    }

    public NodeGroupRecord bootFailed(int protectAfter, Instant now) {
        int n = consecutiveBootFailures + 1;
        Instant prot = protectedSince != null ? protectedSince : (protectAfter > 0 && n >= protectAfter ? now : null);
        return new NodeGroupRecord(group, version + 1, n, prot, lastCapacityErrors, now);
    }

    public NodeGroupRecord bootSucceeded(Instant now) {
        return new NodeGroupRecord(group, version + 1, 0, protectedSince, lastCapacityErrors, now);
    }

    public NodeGroupRecord capacityErrors(String summary, Instant now) {
        return new NodeGroupRecord(group, version + 1, consecutiveBootFailures, protectedSince, summary, now);
    }
}
