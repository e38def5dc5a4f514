package dev.spotburst.functions.state;

import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the control plane's durable state. Every write of a node or group is conditional on what was read. */
public interface StateStore {

    /** The stored record, or {@link NodeRecord#initial} when the node was never written. */
    NodeRecord node(NodeName node);

    /** All stored records of a group (nodes never written are absent). */
    List<NodeRecord> nodes(NodeGroupId group);

    /** Node owning an instance, via the instance index. */
    Optional<NodeRecord> nodeByInstance(String instanceId);

    /**
     * Writes {@code next} only if the stored record still is {@code expected} (state and version; absent when
     * {@code expected} is version 0). Returns false when someone else changed it first.
     */
    boolean transition(NodeRecord expected, NodeRecord next);

    NodeGroupRecord group(NodeGroupId group);

    boolean updateGroup(NodeGroupRecord expected, NodeGroupRecord next);

    /** Whether a power-save request id was already fully processed. */
    boolean requestProcessed(String requestId);

    /** Remembers a processed request id for {@code keep} (TTL), so re-deliveries are dropped. */
    void markRequestProcessed(String requestId, Instant now, Duration keep);

    void recordLaunch(LaunchRecord launch);

    void closeLaunch(String instanceId, Instant endedAt);

    Optional<Instant> reconcilerHeartbeat();

    void reconcilerHeartbeat(Instant at);

    /** Stores the snapshot unless a newer one is already stored (reports are a standard queue: reordering). */
    void saveSlurmSnapshot(SlurmSnapshot snapshot);

    Optional<SlurmSnapshot> latestSlurmSnapshot();
}
