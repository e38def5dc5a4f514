package dev.spotburst.functions.state.dynamo;

import dev.spotburst.model.NodeGroupId;

/**
 * Key layout of the one spotburst table (docs/state.md). The table belongs to one cluster, so keys carry no
 * cluster name.
 */
final class TableLayout {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI1 = "gsi1";
    static final String GSI1PK = "gsi1pk";
    static final String GSI1SK = "gsi1sk";
    static final String TTL = "expiresAt";

    private TableLayout() {
    }

    static String nodePk(NodeGroupId group) {
        return "NODE#" + group;
    }

    static String instanceIndex(String instanceId) {
        return "INSTANCE#" + instanceId;
    }

    static String groupPk(NodeGroupId group) {
        return "GROUP#" + group;
    }

    static final String GROUP_SK = "GROUP";

    static String launchPk(String instanceId) {
        return "LAUNCH#" + instanceId;
    }

    static final String LAUNCH_SK = "LAUNCH";

    /** Launches by UTC day on gsi1, for the cost report. */
    static String launchDayIndex(String isoDay) {
        return "LAUNCHES#" + isoDay;
    }

    static String requestPk(String requestId) {
        return "REQUEST#" + requestId;
    }

    static final String REQUEST_SK = "REQUEST";

    static final String CLUSTER_PK = "CLUSTER";
    static final String HEARTBEAT_SK = "RECONCILER#HEARTBEAT";
    static final String SNAPSHOT_SK = "SLURM#SNAPSHOT";
    /** Per-group counters: pk {@code COUNTERS}, sk the group, one numeric attribute per counter. */
    static final String COUNTERS_PK = "COUNTERS";
}
