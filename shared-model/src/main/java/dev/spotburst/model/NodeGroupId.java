package dev.spotburst.model;

import java.util.regex.Pattern;

/** Identifies a node group: partition name plus node group name, both {@code [a-zA-Z0-9]+}. */
public record NodeGroupId(String partition, String nodeGroup) implements Comparable<NodeGroupId> {

    public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9]+$");

    public NodeGroupId {
        requireName("partition", partition);
        requireName("node group", nodeGroup);
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " name must match ^[a-zA-Z0-9]+$, got '" + value + "'");
        }
    }

    /** Parses {@code batch-spot}. */
    public static NodeGroupId parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("not a node group id (expected <partition>-<nodegroup>): '" + text + "'");
        }
        return new NodeGroupId(text.substring(0, dash), text.substring(dash + 1));
    }

    public NodeName node(int index) {
        return new NodeName(this, index);
    }

    @Override
    public String toString() {
        return partition + "-" + nodeGroup;
    }

    @Override
    public int compareTo(NodeGroupId o) {
        int c = partition.compareTo(o.partition);
        return c != 0 ? c : nodeGroup.compareTo(o.nodeGroup);
    }
}
