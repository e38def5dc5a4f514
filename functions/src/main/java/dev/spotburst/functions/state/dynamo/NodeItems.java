package dev.spotburst.functions.state.dynamo;

import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.SlurmNotice;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.spotburst.functions.state.dynamo.TableLayout.*;

/** Maps node and node-group records to DynamoDB items and back. Absent values are absent attributes. */
final class NodeItems {
    private NodeItems() {
    }

    static Map<String, AttributeValue> toItem(NodeRecord r) {
        var m = new HashMap<String, AttributeValue>();
        m.put(PK, s(nodePk(r.node().group())));
        m.put(SK, s(r.node().toString()));
        m.put("state", s(r.state().name()));
        m.put("version", n(r.version()));
        m.put("stateSince", s(r.stateSince().toString()));
        put(m, "instanceId", r.instanceId());
        put(m, "spotRequestId", r.spotRequestId());
        put(m, "market", r.market() == null ? null : r.market().wire());
        put(m, "instanceType", r.instanceType());
        put(m, "availabilityZone", r.availabilityZone());
        put(m, "privateIp", r.privateIp());
        put(m, "reason", r.reason());
        put(m, "lastRequestAt", r.lastRequestAt() == null ? null : r.lastRequestAt().toString());
        put(m, "ec2EventAt", r.ec2EventAt() == null ? null : r.ec2EventAt().toString());
        put(m, "slurmOwed", r.slurmOwed() == null ? null : r.slurmOwed().name());
        if (r.instanceId() != null) {
            // Sparse index: EC2 events name instances, not nodes.
            m.put(GSI1PK, s(instanceIndex(r.instanceId())));
            m.put(GSI1SK, s(r.node().toString()));
        }
        return m;
    }

    static NodeRecord fromItem(Map<String, AttributeValue> m) {
        return new NodeRecord(
                NodeName.parse(m.get(SK).s()),
                NodeState.valueOf(m.get("state").s()),
                Long.parseLong(m.get("version").n()),
                str(m, "instanceId"),
                str(m, "spotRequestId"),
                str(m, "market") == null ? null : Market.fromWire(str(m, "market")),
                str(m, "instanceType"),
                str(m, "availabilityZone"),
                str(m, "privateIp"),
                str(m, "reason"),
                Instant.parse(m.get("stateSince").s()),
                str(m, "lastRequestAt") == null ? null : Instant.parse(str(m, "lastRequestAt")),
                str(m, "ec2EventAt") == null ? null : Instant.parse(str(m, "ec2EventAt")),
                str(m, "slurmOwed") == null ? null : SlurmNotice.valueOf(str(m, "slurmOwed")));
    }

    static Map<String, AttributeValue> toItem(NodeGroupRecord g) {
        var m = new HashMap<String, AttributeValue>();
        m.put(PK, s(groupPk(g.group())));
        m.put(SK, s(GROUP_SK));
        m.put("version", n(g.version()));
        m.put("consecutiveBootFailures", n(g.consecutiveBootFailures()));
        m.put("updatedAt", s(g.updatedAt().toString()));
        put(m, "protectedSince", g.protectedSince() == null ? null : g.protectedSince().toString());
        put(m, "lastCapacityErrors", g.lastCapacityErrors());
        put(m, "capacityCooldownUntil", g.capacityCooldownUntil() == null ? null : g.capacityCooldownUntil().toString());
        put(m, "capacityCooldownCode", g.capacityCooldownCode());
        return m;
    }

    static NodeGroupRecord groupFromItem(NodeGroupId id, Map<String, AttributeValue> m) {
        return new NodeGroupRecord(id,
                Long.parseLong(m.get("version").n()),
                Integer.parseInt(m.get("consecutiveBootFailures").n()),
                str(m, "protectedSince") == null ? null : Instant.parse(str(m, "protectedSince")),
                str(m, "lastCapacityErrors"),
                Instant.parse(m.get("updatedAt").s()),
                str(m, "capacityCooldownUntil") == null ? null : Instant.parse(str(m, "capacityCooldownUntil")),
                str(m, "capacityCooldownCode"));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static void put(Map<String, AttributeValue> m, String k, String v) {
        if (v != null) {
            m.put(k, s(v));
        }
    }

    static String str(Map<String, AttributeValue> m, String k) {
        var v = m.get(k);
        return v == null ? null : v.s();
    }
}
