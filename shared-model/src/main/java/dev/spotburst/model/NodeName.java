package dev.spotburst.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Slurm node name as the AWS plugin for Slurm lays them out: {@code <partition>-<nodegroup>-<index>}.
 * Partition and group names are restricted to {@code [a-zA-Z0-9]+}, so the two dashes are unambiguous.
 */
public record NodeName(NodeGroupId group, int index) implements Comparable<NodeName> {

    private static final Pattern SHAPE = Pattern.compile("^([a-zA-Z0-9]+)-([a-zA-Z0-9]+)-(0|[1-9][0-9]{0,8})$");

    public NodeName {
        Objects.requireNonNull(group, "group");
        if (index < 0) {
            throw new IllegalArgumentException("node index must be >= 0, got " + index);
        }
    }

    public static NodeName of(String partition, String nodeGroup, int index) {
        return new NodeName(new NodeGroupId(partition, nodeGroup), index);
    }

    /** Parses {@code batch-spot-12}; rejects anything that is not a spotburst node name, quoting it. */
    public static NodeName parse(String text) {
        var m = SHAPE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a spotburst node name (expected <partition>-<nodegroup>-<index>): '" + text + "'");
        }
        return of(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    public static boolean isNodeName(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    public String partition() {
        return group.partition();
    }

    public String nodeGroup() {
        return group.nodeGroup();
    }

    @Override
    public String toString() {
        return group + "-" + index;
    }

    @Override
    public int compareTo(NodeName o) {
        int c = group.compareTo(o.group);
        return c != 0 ? c : Integer.compare(index, o.index);
    }
}
