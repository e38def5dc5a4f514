package dev.spotburst.functions.state;

import dev.spotburst.model.NodeGroupId;

import java.time.Instant;

/**
 * Per node group safety state. {@code consecutiveBootFailures} counts launches that never registered with Slurm,
 * reset by a node becoming READY; past {@code protectAfterBootFailures} the group is protected (no launches) until
 * an operator clears it, so a broken AMI or launch template does not burn money in a loop.
 * {@code capacityCooldownUntil} (null = none) holds the group's launches after a capacity failure
 * ({@code CapacityCooldown}); {@code capacityCooldownCode} is the EC2 error code that started it.
 */
public record NodeGroupRecord(NodeGroupId group, long version, int consecutiveBootFailures, Instant protectedSince,
                              String lastCapacityErrors, Instant updatedAt, Instant capacityCooldownUntil,
                              String capacityCooldownCode) {

    /** The record with no capacity cooldown (callers written before it existed). */
    public NodeGroupRecord(NodeGroupId group, long version, int consecutiveBootFailures, Instant protectedSince,
                           String lastCapacityErrors, Instant updatedAt) {
        this(group, version, consecutiveBootFailures, protectedSince, lastCapacityErrors, updatedAt, null, null);
    }

    public static NodeGroupRecord initial(NodeGroupId group) {
        return new NodeGroupRecord(group, 0, 0, null, null, Instant.EPOCH);
    }

    /** True while a capacity cooldown set by {@link #capacityCooldown} lasts. */
    public boolean coolingDown(Instant now) {
        return capacityCooldownUntil != null && now.isBefore(capacityCooldownUntil);
    }

    /**
     * The group's pools ran dry: no launch until {@code until} ({@code code} is EC2's capacity error, for the Slurm
     * reason). A later cooldown already stored is kept.
     */
    public NodeGroupRecord capacityCooldown(Instant until, String code, Instant now) {
        boolean keep = capacityCooldownUntil != null && capacityCooldownUntil.isAfter(until);
        return new NodeGroupRecord(group, version + 1, consecutiveBootFailures, protectedSince, lastCapacityErrors, now,
                keep ? capacityCooldownUntil : until, keep ? capacityCooldownCode : code);
    }

    public boolean isProtected() {
        return protectedSince != null;
    }

    public NodeGroupRecord bootFailed(int protectAfter, Instant now) {
        int n = consecutiveBootFailures + 1;
        Instant prot = protectedSince != null ? protectedSince : (protectAfter > 0 && n >= protectAfter ? now : null);
        return new NodeGroupRecord(group, version + 1, n, prot, lastCapacityErrors, now, capacityCooldownUntil,
                capacityCooldownCode);
    }

    public NodeGroupRecord bootSucceeded(Instant now) {
        return new NodeGroupRecord(group, version + 1, 0, protectedSince, lastCapacityErrors, now, capacityCooldownUntil,
                capacityCooldownCode);
    }

    public NodeGroupRecord capacityErrors(String summary, Instant now) {
        return new NodeGroupRecord(group, version + 1, consecutiveBootFailures, protectedSince, summary, now,
                capacityCooldownUntil, capacityCooldownCode);
    }
}
