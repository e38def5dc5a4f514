package dev.spotburst.localruntime.sim;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a compute node learns its Slurm node name (docs/state.md, "Node identity"): its {@code Name} tag when the
 * launch carried one, else the state table's launch record, GetItem {@code pk = LAUNCH#<instanceId>},
 * {@code sk = LAUNCH}, attribute {@code node}; a record with {@code endedAt} (the control plane reclaimed the
 * instance) names nobody. Multi-node fleets tag no names ({@code NodeNameTags=launch}), so the simulated slurmd
 * and the demo find nodes this way, as the real bootstrap does.
 *
 * <p>Reads are marked with {@link #HEADER} so the demo's call log counts them as the compute nodes' own, not the
 * control plane's. A name once found never changes (an instance is bound once), so it is cached.
 */
public final class NodeIdentity {
    /** Request header marking the compute nodes' reads (see {@code demo.RecordingInterceptor}). */
    public static final String HEADER = "x-spotburst-compute-node";
    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public NodeIdentity(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The node each instance serves, for those that have one; {@code tags} by instance id. */
    public Map<String, String> names(Map<String, Map<String, String>> tags) {
        var out = new HashMap<String, String>();
        var unknown = new ArrayList<String>();
        tags.forEach((id, t) -> {
            String name = t.get("Name");
            if (name == null) {
                name = names.get(id);
            }
            if (name != null) {
                out.put(id, name);
            } else {
                unknown.add(id);
            }
        });
        out.putAll(fromLaunchRecords(unknown));
        return out;
    }

    private Map<String, String> fromLaunchRecords(Collection<String> instanceIds) {
        var found = new HashMap<String, String>();
        var ids = List.copyOf(instanceIds);
        for (int i = 0; i < ids.size(); i += BATCH) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(ids.subList(i, Math.min(ids.size(), i + BATCH)).stream().map(id -> Map.of(
                            "pk", AttributeValue.fromS("LAUNCH#" + id), "sk", AttributeValue.fromS("LAUNCH"))).toList())
                    .build());
            while (!request.isEmpty()) {
                var pending = request;
                var resp = dynamo.batchGetItem(b -> b.requestItems(pending)
                        .overrideConfiguration(o -> o.putHeader(HEADER, "1")));
                resp.responses().getOrDefault(table, List.of()).forEach(item -> {
                    if (!item.containsKey("endedAt") && item.containsKey("node")) {
                        String id = item.get("pk").s().substring("LAUNCH#".length());
                        found.put(id, item.get("node").s());
                    }
                });
                request = resp.hasUnprocessedKeys() ? resp.unprocessedKeys() : Map.of();
            }
        }
        names.putAll(found);
        return found;
    }
}
