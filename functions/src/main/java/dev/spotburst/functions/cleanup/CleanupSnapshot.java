package dev.spotburst.functions.cleanup;

import java.util.List;

/**
 * What one region holds for a cluster at one moment: its tagged Spot requests, EC2 Fleets and instances, in EC2's
 * own state names. {@code truncated} is set when a listing was cut short (page limit), so the planner never calls a
 * partial view clean.
 */
public record CleanupSnapshot(List<SpotRequest> spotRequests, List<Fleet> fleets, List<Instance> instances,
                              boolean truncated) {

    public CleanupSnapshot {
        spotRequests = List.copyOf(spotRequests);
        fleets = List.copyOf(fleets);
        instances = List.copyOf(instances);
    }

    public static CleanupSnapshot empty() {
        return new CleanupSnapshot(List.of(), List.of(), List.of(), false);
    }

    /** {@code state}: open, active, disabled, closed, cancelled, failed. */
    public record SpotRequest(String id, String state) {
    }

    /** {@code type}: instant, maintain, request; {@code state}: submitted, active, modifying, deleted*, failed. */
    public record Fleet(String id, String type, String state) {
        public boolean instant() {
            return "instant".equals(type);
        }
    }

    /** {@code state}: pending, running, shutting-down, terminated, stopping, stopped. */
    public record Instance(String id, String state) {
    }
}
