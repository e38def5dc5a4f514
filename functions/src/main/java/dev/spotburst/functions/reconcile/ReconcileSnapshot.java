package dev.spotburst.functions.reconcile;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeGroupId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One immutable view of everything the reconciler decides over, loaded before any decision is made. */
public record ReconcileSnapshot(ClusterConfig config, List<NodeRecord> nodes, Map<NodeGroupId, NodeGroupRecord> groups,
                                List<InstanceView> instances, List<SpotRequestView> spotRequests,
                                Optional<SlurmSnapshot> slurm) {
    public ReconcileSnapshot {
        nodes = List.copyOf(nodes);
        groups = Map.copyOf(groups);
        instances = List.copyOf(instances);
        spotRequests = List.copyOf(spotRequests);
    }
}
