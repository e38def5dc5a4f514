package dev.spotburst.localslurm.stack;

import dev.spotburst.ec2emu.EmulatorControl;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Slurm node an EC2 emulator instance serves. The {@code Name} tag when the launcher set one (single-instance
 * launches, and older control planes tag every instance); otherwise the control plane's launch record, the item
 * {@code pk = LAUNCH#<instance-id>, sk = LAUNCH} with attribute {@code node} of its table (functions'
 * {@code TableLayout}), which the control plane writes right after the launch call returns — so a state-change
 * event may arrive before it: {@link #await} polls briefly. A binding never changes once seen (an instance serves
 * one node for its whole life), so it is cached.
 */
public final class InstanceNodes {

    static final String NAME_TAG = "Name";

    private final EmulatorControl emulator;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    InstanceNodes(EmulatorControl emulator, DynamoDbClient dynamo, String table) {
        this.emulator = emulator;
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The node now, without waiting: tag, cache, then one consistent read of the launch record. */
    public Optional<String> nodeOf(String instanceId) {
        var cached = known.get(instanceId);
        if (cached != null) {
            return Optional.of(cached);
        }
        var tag = emulator.instance(instanceId).tags().get(NAME_TAG);
        var node = tag != null ? tag : launchRecordNode(instanceId);
        if (node != null) {
            known.put(instanceId, node);
        }
        return Optional.ofNullable(node);
    }

    /** Polls {@link #nodeOf} for up to {@code timeout} (the binding is written just after the launch). */
    Optional<String> await(String instanceId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var node = nodeOf(instanceId);
            if (node.isPresent() || System.nanoTime() > deadline) {
                return node;
            }
            Thread.sleep(200);
        }
    }

    private String launchRecordNode(String instanceId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("LAUNCH#" + instanceId), "sk", AttributeValue.fromS("LAUNCH")))).item();
        var node = item == null ? null : item.get("node");
        return node == null ? null : node.s();
    }
}
