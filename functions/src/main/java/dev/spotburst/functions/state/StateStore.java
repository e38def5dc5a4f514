package dev.spotburst.functions.state;

import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * {@link #transition} for many nodes: each write keeps its own condition, and the result says per item whether
     * it was written ({@code false}: someone else changed that node first). Not atomic as a whole. The DynamoDB
     * adapter writes up to 100 per TransactWriteItems call and, when a transaction is cancelled, writes the others
     * again without the items whose condition failed; this default writes one by one. Throws when the outcome of
     * some items is unknown (the caller's message is then retried, as after a failed {@link #transition}).
     */
    default java.util.List<Boolean> transitionAll(java.util.List<NodeTransition> transitions) {
        return transitions.stream().map(t -> transition(t.expected(), t.next())).toList();
    }

    NodeGroupRecord group(NodeGroupId group);

    boolean updateGroup(NodeGroupRecord expected, NodeGroupRecord next);

    /** Whether a power-save request id was already fully processed. */
    boolean requestProcessed(String requestId);

    /** Remembers a processed request id for {@code keep} (TTL), so re-deliveries are dropped. */
    void markRequestProcessed(String requestId, Instant now, Duration keep);

    void recordLaunch(LaunchRecord launch);

    void closeLaunch(String instanceId, Instant endedAt);

    /**
     * Which of these instances have a launch record, each mapped to whether it is still open (no {@code endedAt});
     * instances without a record are absent. The reconciler's accounting repair reads this (DynamoDB: BatchGetItem).
     */
    Map<String, Boolean> launchesOpen(Collection<String> instanceIds);

    Optional<Instant> reconcilerHeartbeat();

    void reconcilerHeartbeat(Instant at);

    /** Stores the snapshot unless a newer one is already stored (reports are a standard queue: reordering). */
    void saveSlurmSnapshot(SlurmSnapshot snapshot);

    Optional<SlurmSnapshot> latestSlurmSnapshot();

    /**
     * Adds {@code delta} to a named counter of a node group ({@link Counters} names: interruptions, hibernations,
     * …). Atomic and unconditional: callers count only after the conditional transition that the count describes
     * succeeded, so a redelivered event is not counted twice.
     */
    void count(NodeGroupId group, String counter, long delta);

    /** Every counter, by node group and name; groups that never counted anything are absent. */
    Map<NodeGroupId, Map<String, Long>> counters();

    /**
     * Records of many nodes at once, strongly consistent like {@link #node}; nodes never written map to
     * {@link NodeRecord#initial}. The DynamoDB adapter reads 100 keys per BatchGetItem; this default reads one by one.
     */
    default Map<NodeName, NodeRecord> nodeRecords(Collection<NodeName> nodes) {
        var out = new java.util.LinkedHashMap<NodeName, NodeRecord>();
        nodes.forEach(n -> out.put(n, node(n)));
        return out;
    }

    /** Which of {@code requestIds} were already fully processed ({@link #requestProcessed} for many, batched). */
    default Set<String> processedRequests(Collection<String> requestIds) {
        var out = new java.util.HashSet<String>();
        requestIds.forEach(id -> {
            if (requestProcessed(id)) {
                out.add(id);
            }
        });
        return out;
    }

    /** {@link #markRequestProcessed} for many ids; unconditional like it, so the adapter may use BatchWriteItem. */
    default void markRequestsProcessed(Collection<String> requestIds, Instant now, Duration keep) {
        requestIds.forEach(id -> markRequestProcessed(id, now, keep));
    }

    /**
     * Takes the lease {@code name} for {@code holder} until {@code until}, unless another holder's lease is still
     * unexpired at {@code now} (a holder may extend its own). One conditional write: for work that must not run
     * twice at once across Lambda invocations (a rescue step; docs/rescue.md). Returns false when someone else
     * holds it. An invocation that dies keeps the lease only until {@code until}.
     */
    boolean acquireLease(String name, String holder, Instant now, Instant until);

    /** Gives the lease back if {@code holder} still holds it; otherwise (expired and taken by another) a no-op. */
    void releaseLease(String name, String holder);

    /**
     * Records launches that were just bound to their nodes by a successful conditional transition. That transition
     * succeeds once per instance, so these records are written once and need no create-only condition (the adapter
     * batches them, 25 per BatchWriteItem); anything else uses {@link #recordLaunch}.
     */
    default void recordBoundLaunches(List<LaunchRecord> launches) {
        launches.forEach(this::recordLaunch);
    }
}
