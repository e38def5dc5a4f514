package dev.spotburst.functions.requests;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.MessageFormatException;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.util.ArrayList;
import java.util.List;

/** A power-save request checked against the configuration: every node exists. Poison otherwise, with the reason. */
public record ParsedRequest(QueuedMessage message, PowerSaveRequest request, List<NodeName> nodes) {

    /** Thrown for messages that can never succeed; the text goes to the DLQ's {@code spotburst-error} attribute. */
    public static final class Poison extends RuntimeException {
        public Poison(String message) {
            super(message);
        }
    }

    public static ParsedRequest parse(QueuedMessage m, ClusterConfig config) {
        PowerSaveRequest req;
        try {
            req = MessageCodec.readRequest(m.body());
        } catch (MessageFormatException e) {
            throw new Poison(e.getMessage());
        }
        if (req.cluster() != null && !req.cluster().equals(config.clusterName())) {
            throw new Poison("field 'cluster' is '" + req.cluster() + "' but this control plane serves '"
                    + config.clusterName() + "'");
        }
        List<String> names;
        try {
            names = Hostlist.expand(req.hostlist());
        } catch (IllegalArgumentException e) { // includes HostlistSyntaxException
            throw new Poison("field 'hostlist' is not a valid hostlist expression: '" + req.hostlist() + "': "
                    + e.getMessage());
        }
        var nodes = new ArrayList<NodeName>();
        for (var name : names) {
            if (!NodeName.isNodeName(name)) {
                throw new Poison("unknown node name '" + name + "' in hostlist '" + req.hostlist()
                        + "' (expected <partition>-<nodegroup>-<index>)");
            }
            var node = NodeName.parse(name);
            if (config.nodeGroupOf(node).isEmpty()) {
                throw new Poison(unknown(node, config));
            }
            nodes.add(node);
        }
        return new ParsedRequest(m, req, nodes.stream().distinct().toList());
    }

    private static String unknown(NodeName node, ClusterConfig config) {
        if (config.partitions().stream().noneMatch(p -> p.partitionName().equals(node.partition()))) {
            return "unknown partition '" + node.partition() + "' in node name '" + node + "'";
        }
        NodeGroupId g = node.group();
        return config.nodeGroup(g).map(c -> "node '" + node + "' is beyond MaxNodes=" + c.maxNodes() + " of " + g)
                .orElse("unknown node group '" + g.nodeGroup() + "' of partition '" + g.partition() + "' in node name '" + node + "'");
    }
}
