package dev.spotburst.functions.state.dynamo;

import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.NodeTransition;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.spotburst.functions.state.dynamo.NodeItems.n;
import static dev.spotburst.functions.state.dynamo.NodeItems.s;
import static dev.spotburst.functions.state.dynamo.TableLayout.*;

/** {@link StateStore} on one DynamoDB table. Every record write is conditional; conflicts return false. */
public final class DynamoStateStore implements StateStore {

    /** A record never written may only be created once. */
    static final String CREATE_ONLY = "attribute_not_exists(pk)";
    /** Optimistic lock: the state and version read are still the stored ones. */
    static final String FROM_STATE_AND_VERSION = "#state = :expectedState AND #version = :expectedVersion";
    static final String FROM_VERSION = "#version = :expectedVersion";
    static final String LAUNCH_OPEN = "attribute_exists(pk) AND attribute_not_exists(endedAt)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchCalls batch;
    private final TransactionCalls transactions;

    public DynamoStateStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batch = new BatchCalls(dynamo, table);
        this.transactions = new TransactionCalls(dynamo);
    }

    @Override
    public NodeRecord node(NodeName node) {
        var item = get(nodePk(node.group()), node.toString());
        return item.isEmpty() ? NodeRecord.initial(node) : NodeItems.fromItem(item);
    }

    @Override
    public List<NodeRecord> nodes(NodeGroupId group) {
        var out = new ArrayList<NodeRecord>();
        Map<String, AttributeValue> start = null;
        do {
            var resp = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(nodePk(group))))
                    .exclusiveStartKey(start).build());
            resp.items().forEach(i -> out.add(NodeItems.fromItem(i)));
            start = resp.hasLastEvaluatedKey() && !resp.lastEvaluatedKey().isEmpty() ? resp.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public Optional<NodeRecord> nodeByInstance(String instanceId) {
        var resp = dynamo.query(QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("gsi1pk = :id")
                .expressionAttributeValues(Map.of(":id", s(instanceIndex(instanceId)))).build());
        // The index is eventually consistent: re-read the record itself.
        return resp.items().stream().findFirst().map(i -> node(NodeName.parse(i.get(SK).s())))
                .filter(r -> instanceId.equals(r.instanceId()));
    }

    @Override
    public boolean transition(NodeRecord expected, NodeRecord next) {
        checkTransition(expected, next);
        return conditionalPut(nodeTransition(table, expected, next));
    }

    /** Up to 100 transitions per TransactWriteItems, each with the condition of {@link #nodeTransition}. */
    @Override
    public List<Boolean> transitionAll(List<NodeTransition> transitions) {
        var puts = new ArrayList<PutItemRequest>(transitions.size());
        for (var t : transitions) {
            checkTransition(t.expected(), t.next());
            puts.add(nodeTransition(table, t.expected(), t.next()));
        }
        return transactions.put(puts);
    }

    private static void checkTransition(NodeRecord expected, NodeRecord next) {
        if (!expected.node().equals(next.node()) || next.version() != expected.version() + 1) {
            throw new IllegalArgumentException("transition must keep the node and bump the version by one: "
                    + expected.node() + " v" + expected.version() + " -> " + next.node() + " v" + next.version());
        }
    }

    /** The exact PutItem a node transition sends (tested for its condition expression). */
    static PutItemRequest nodeTransition(String table, NodeRecord expected, NodeRecord next) {
        var b = PutItemRequest.builder().tableName(table).item(NodeItems.toItem(next));
        if (!expected.stored()) {
            return b.conditionExpression(CREATE_ONLY).build();
        }
        return b.conditionExpression(FROM_STATE_AND_VERSION)
                .expressionAttributeNames(Map.of("#state", "state", "#version", "version"))
                .expressionAttributeValues(Map.of(":expectedState", s(expected.state().name()),
                        ":expectedVersion", n(expected.version())))
                .build();
    }

    @Override
    public NodeGroupRecord group(NodeGroupId group) {
        var item = get(groupPk(group), GROUP_SK);
        return item.isEmpty() ? NodeGroupRecord.initial(group) : NodeItems.groupFromItem(group, item);
    }

    @Override
    public boolean updateGroup(NodeGroupRecord expected, NodeGroupRecord next) {
        return conditionalPut(groupUpdate(table, expected, next));
    }

    static PutItemRequest groupUpdate(String table, NodeGroupRecord expected, NodeGroupRecord next) {
        var b = PutItemRequest.builder().tableName(table).item(NodeItems.toItem(next));
        if (expected.version() == 0) {
            return b.conditionExpression(CREATE_ONLY).build();
        }
        return b.conditionExpression(FROM_VERSION)
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":expectedVersion", n(expected.version()))).build();
    }

    @Override
    public boolean requestProcessed(String requestId) {
        var item = get(requestPk(requestId), REQUEST_SK);
        return !item.isEmpty();
    }

    @Override
    public void markRequestProcessed(String requestId, Instant now, Duration keep) {
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(requestItem(requestId, now, keep)).build());
    }

    private static Map<String, AttributeValue> requestItem(String requestId, Instant now, Duration keep) {
        return Map.of(PK, s(requestPk(requestId)), SK, s(REQUEST_SK), "processedAt", s(now.toString()),
                TTL, n(now.plus(keep).getEpochSecond()));
    }

    @Override
    public void recordLaunch(LaunchRecord l) {
        // Re-recording the same launch (retried batch) must not reopen a closed one.
        conditionalPut(PutItemRequest.builder().tableName(table).item(launchItem(l)).conditionExpression(CREATE_ONLY).build());
    }

    static Map<String, AttributeValue> launchItem(LaunchRecord l) {
        var m = new HashMap<String, AttributeValue>();
        m.put(PK, s(launchPk(l.instanceId())));
        m.put(SK, s(LAUNCH_SK));
        m.put("node", s(l.node().toString()));
        m.put("nodeGroup", s(l.node().group().toString()));
        m.put("launchedAt", s(l.launchedAt().toString()));
        NodeItems.put(m, "market", l.market() == null ? null : l.market().wire());
        NodeItems.put(m, "instanceType", l.instanceType());
        NodeItems.put(m, "availabilityZone", l.availabilityZone());
        m.put(GSI1PK, s(launchDayIndex(l.launchedAt().atZone(ZoneOffset.UTC).toLocalDate().toString())));
        m.put(GSI1SK, s(l.launchedAt() + "#" + l.instanceId()));
        return m;
    }

    @Override
    public Map<String, Boolean> launchesOpen(Collection<String> instanceIds) {
        var keys = instanceIds.stream().distinct().map(id -> Map.of(PK, s(launchPk(id)), SK, s(LAUNCH_SK))).toList();
        var out = new HashMap<String, Boolean>();
        if (!keys.isEmpty()) {
            batch.get(keys).forEach(item -> out.put(item.get(PK).s().substring(launchPk("").length()),
                    !item.containsKey("endedAt")));
        }
        return out;
    }

    @Override
    public void closeLaunch(String instanceId, Instant endedAt) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of(PK, s(launchPk(instanceId)), SK, s(LAUNCH_SK)))
                    .updateExpression("SET endedAt = :endedAt")
                    .conditionExpression(LAUNCH_OPEN)
                    .expressionAttributeValues(Map.of(":endedAt", s(endedAt.toString()))).build());
        } catch (ConditionalCheckFailedException alreadyClosedOrUnknown) {
            // Idempotent: closing twice, or closing an instance we never recorded, changes nothing.
        }
    }

    @Override
    public Optional<Instant> reconcilerHeartbeat() {
        var item = get(CLUSTER_PK, HEARTBEAT_SK);
        return item.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(item.get("at").s()));
    }

    @Override
    public void reconcilerHeartbeat(Instant at) {
        dynamo.putItem(PutItemRequest.builder().tableName(table)
                .item(Map.of(PK, s(CLUSTER_PK), SK, s(HEARTBEAT_SK), "at", s(at.toString()))).build());
    }

    /** See {@link SnapshotItems}: an unchanged snapshot costs one small conditional update, not a 12 KB rewrite. */
    @Override
    public void saveSlurmSnapshot(SlurmSnapshot snapshot) {
        String hash = SnapshotItems.contentHash(snapshot);
        try {
            dynamo.updateItem(SnapshotItems.touchMarker(table, snapshot, hash));
            return;
        } catch (ConditionalCheckFailedException changedOrOlderOrDue) {
            // Content changed, the body is due for a refresh, or this snapshot is older than one already seen:
            // the marker came back with the failure; an older report must not overwrite the body.
            var seen = changedOrOlderOrDue.hasItem() ? changedOrOlderOrDue.item().get("takenAtMillis") : null;
            if (seen != null && Long.parseLong(seen.n()) >= snapshot.takenAt().toEpochMilli()) {
                return;
            }
        }
        if (conditionalPut(SnapshotItems.body(table, snapshot, hash))) {
            conditionalPut(SnapshotItems.marker(table, snapshot, hash));
        }
    }

    @Override
    public Optional<SlurmSnapshot> latestSlurmSnapshot() {
        var resp = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                .expressionAttributeValues(Map.of(":pk", s(CLUSTER_PK), ":sk", s(SNAPSHOT_SK))).build());
        Map<String, AttributeValue> body = null;
        Map<String, AttributeValue> marker = null;
        for (var item : resp.items()) {
            if (item.get(SK).s().equals(SNAPSHOT_SK)) {
                body = item;
            } else if (item.get(SK).s().equals(SnapshotItems.SEEN_SK)) {
                marker = item;
            }
        }
        return SnapshotItems.read(body, marker);
    }

    @Override
    public void count(NodeGroupId group, String counter, long delta) {
        dynamo.updateItem(counterUpdate(table, group, counter, delta));
    }

    /** ADD is atomic, so concurrent handlers counting the same group do not lose increments. */
    static UpdateItemRequest counterUpdate(String table, NodeGroupId group, String counter, long delta) {
        if (!counter.matches("[A-Za-z][A-Za-z0-9]{0,63}")) {
            throw new IllegalArgumentException("counter name must be letters and digits, got '" + counter + "'");
        }
        return UpdateItemRequest.builder().tableName(table)
                .key(Map.of(PK, s(COUNTERS_PK), SK, s(group.toString())))
                .updateExpression("ADD #c :d")
                .expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":d", n(delta))).build();
    }

    @Override
    public Map<NodeGroupId, Map<String, Long>> counters() {
        var out = new java.util.TreeMap<NodeGroupId, Map<String, Long>>();
        Map<String, AttributeValue> start = null;
        do {
            var resp = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(COUNTERS_PK)))
                    .exclusiveStartKey(start).build());
            for (var item : resp.items()) {
                var m = new java.util.TreeMap<String, Long>();
                item.forEach((k, v) -> {
                    if (v.n() != null) {
                        m.put(k, Long.parseLong(v.n()));
                    }
                });
                out.put(NodeGroupId.parse(item.get(SK).s()), m);
            }
            start = resp.hasLastEvaluatedKey() && !resp.lastEvaluatedKey().isEmpty() ? resp.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public Map<NodeName, NodeRecord> nodeRecords(Collection<NodeName> nodes) {
        var out = new java.util.LinkedHashMap<NodeName, NodeRecord>();
        nodes.forEach(n -> out.put(n, NodeRecord.initial(n)));
        var keys = out.keySet().stream().map(n -> Map.of(PK, s(nodePk(n.group())), SK, s(n.toString()))).toList();
        batch.get(keys).forEach(item -> {
            var r = NodeItems.fromItem(item);
            out.put(r.node(), r);
        });
        return out;
    }

    @Override
    public Set<String> processedRequests(Collection<String> requestIds) {
        var keys = requestIds.stream().distinct().map(id -> Map.of(PK, s(requestPk(id)), SK, s(REQUEST_SK))).toList();
        var out = new java.util.HashSet<String>();
        batch.get(keys).forEach(item -> out.add(item.get(PK).s().substring(requestPk("").length())));
        return out;
    }

    @Override
    public void markRequestsProcessed(Collection<String> requestIds, Instant now, Duration keep) {
        batch.put(requestIds.stream().distinct().map(id -> requestItem(id, now, keep)).toList());
    }

    @Override
    public void recordBoundLaunches(List<LaunchRecord> launches) {
        batch.put(launches.stream().map(DynamoStateStore::launchItem).toList());
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        var resp = dynamo.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of(PK, s(pk), SK, s(sk))).build());
        return resp.hasItem() ? resp.item() : Map.of();
    }

    private boolean conditionalPut(PutItemRequest req) {
        try {
            dynamo.putItem(req);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Leases (docs/state.md): free, expired, or already ours. */
    static final String LEASE_FREE = "attribute_not_exists(pk) OR untilMillis <= :now OR #holder = :holder";

    @Override
    public boolean acquireLease(String name, String holder, Instant now, Instant until) {
        return conditionalPut(leaseAcquire(table, name, holder, now, until));
    }

    /** The exact PutItem that takes a lease (tested for its condition expression). */
    static PutItemRequest leaseAcquire(String table, String name, String holder, Instant now, Instant until) {
        return PutItemRequest.builder().tableName(table)
                .item(Map.of(PK, s("LEASE#" + name), SK, s("LEASE"), "holder", s(holder),
                        "untilMillis", n(until.toEpochMilli()), TTL, n(until.plus(Duration.ofDays(1)).getEpochSecond())))
                .conditionExpression(LEASE_FREE)
                .expressionAttributeNames(Map.of("#holder", "holder"))
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":holder", s(holder))).build();
    }

    @Override
    public void releaseLease(String name, String holder) {
        try {
            dynamo.deleteItem(software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.builder().tableName(table)
                    .key(Map.of(PK, s("LEASE#" + name), SK, s("LEASE")))
                    .conditionExpression("#holder = :holder")
                    .expressionAttributeNames(Map.of("#holder", "holder"))
                    .expressionAttributeValues(Map.of(":holder", s(holder))).build());
        } catch (ConditionalCheckFailedException takenOverOrGone) {
            // Someone else holds it now (ours expired) or it is already released: nothing to give back.
        }
    }
}
