package dev.spotburst.functions.launch;

import java.time.Instant;

/** A Spot instance request tagged for our cluster (persistent ones restart hibernated instances). */
public record SpotRequestView(String spotRequestId, String state, String statusCode, String instanceId,
                              String nodeTag, Instant createTime) {

    /** open or active: EC2 may still (re)launch an instance for it. */
    public boolean live() {
        return "open".equals(state) || "active".equals(state) || "disabled".equals(state);
    }
}
