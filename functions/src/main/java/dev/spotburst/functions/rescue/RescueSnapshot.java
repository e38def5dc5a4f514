package dev.spotburst.functions.rescue;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.state.NodeRecord;

import java.util.List;

/** Everything the planner looks at: each node group with its stored node records. */
public record RescueSnapshot(List<Group> groups) {

    public RescueSnapshot {
        groups = List.copyOf(groups);
    }

    public record Group(NodeGroupConfig config, List<NodeRecord> nodes) {
        public Group {
            nodes = List.copyOf(nodes);
        }
    }
}
