package dev.spotburst.localslurm.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.localslurm.HostsFile;
import dev.spotburst.localslurm.SimulatedInstances;
import dev.spotburst.localslurm.Timeline;
import dev.spotburst.ec2emu.EmulatorControl;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.EventPattern;
import dev.spotburst.localcloud.EventTarget;
import dev.spotburst.localcloud.LocalEventBus;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Makes the EC2 emulator's instances real: every {@code EC2 Instance State-change Notification} on the local event
 * bus becomes {@link SimulatedInstances#onInstanceState} for the instance's node ({@link InstanceNodes}: its
 * {@code Name} tag, else the control plane's launch record), at its private IP (running → boot slurmd or thaw;
 * stopping/stopped → freeze; shutting-down/terminated → kill and delete the namespace), and the controller's hosts file follows the node's address.
 *
 * <p>The bus calls rules on the emulator's own thread (inside its world lock), so events are queued and handled
 * in order on one thread of ours. A node name may move to a new instance while the old one is still shutting
 * down: only the instance currently bound to the name may change the simulated node.
 */
public final class InstanceEventBridge implements AutoCloseable {

    static final String RULE = "e2e-simulated-instances";

    /** How long an event waits for the instance → node binding (tag or launch record) to appear. */
    static final java.time.Duration BINDING_WAIT = java.time.Duration.ofSeconds(15);

    private final EmulatorControl emulator;
    private final InstanceNodes nodes;
    private final SimulatedInstances instances;
    private final HostsFile hosts;
    private final Timeline timeline;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("e2e-instance-events").unstarted(r));
    private final Map<String, String> instanceOfNode = new ConcurrentHashMap<>();
    private final Map<String, Instant> runningAt = new ConcurrentHashMap<>();
    private LocalEventBus bus;

    InstanceEventBridge(EmulatorControl emulator, InstanceNodes nodes, SimulatedInstances instances, HostsFile hosts,
                        Timeline timeline) {
        this.emulator = emulator;
        this.nodes = nodes;
        this.instances = instances;
        this.hosts = hosts;
        this.timeline = timeline;
    }

    InstanceEventBridge subscribe(LocalEventBus eventBus) {
        this.bus = eventBus;
        eventBus.putRule(RULE, EventPattern.builder().source("aws.ec2")
                .detailType("EC2 Instance State-change Notification").build(),
                EventTarget.handler(json -> worker.execute(() -> handle(json))));
        return this;
    }

    private void handle(String json) {
        String id = "?";
        try {
            JsonNode event = Json.mapper().readTree(json);
            id = event.path("detail").path("instance-id").asText();
            String state = event.path("detail").path("state").asText();
            InstanceView view = emulator.instance(id);
            if (state.equals("pending") && nodes.nodeOf(id).isEmpty()) {
                return; // the binding may come later; the running event names the node
            }
            // A fleet's instance may be running before its Name tag (older control planes) or its launch record is
            // visible: wait for the binding briefly. Later states of a bound instance find it cached; an instance
            // never bound does not hold up the queue again.
            String node = (state.equals("running") ? nodes.await(id, BINDING_WAIT) : nodes.nodeOf(id)).orElse(null);
            String ip = view.privateIpAddress();
            if (node == null) {
                timeline.mark("ec2 " + id + " -> " + state + " has neither a Name tag nor a launch record: not a "
                        + "spotburst node, ignored");
                return;
            }
            switch (state) {
                case "running" -> {
                    String previous = instanceOfNode.put(node, id);
                    if (previous != null && !previous.equals(id) && instances.isKnown(node)) {
                        timeline.mark("node " + node + " moves from " + previous + " to " + id);
                        instances.terminate(node);
                    }
                    hosts.set(node, ip);
                    runningAt.putIfAbsent(id, Instant.now());
                    instances.onInstanceState(id, node, ip, state);
                }
                case "stopping", "stopped" -> {
                    if (id.equals(instanceOfNode.get(node))) {
                        instances.onInstanceState(id, node, ip, state);
                    }
                }
                case "shutting-down", "terminated" -> {
                    if (id.equals(instanceOfNode.get(node))) {
                        if (instances.isKnown(node)) {
                            instances.onInstanceState(id, node, ip, state);
                            hosts.reset(node);
                        }
                        if (state.equals("terminated")) {
                            instanceOfNode.remove(node, id);
                        }
                    } else {
                        timeline.mark("ec2 " + id + " (" + node + ") -> " + state + " (no longer bound to the node)");
                    }
                }
                default -> timeline.mark("ec2 " + id + " (" + node + ", " + ip + ") -> " + state);
            }
        } catch (Exception e) {
            timeline.mark("instance bridge: event for " + id + " failed: " + e);
        }
    }

    /** When the bridge saw the instance running (first time). */
    public Instant runningAt(String instanceId) {
        return runningAt.get(instanceId);
    }

    /** Waits until every queued event has been handled (events already published are in the queue). */
    public void drain() {
        try {
            worker.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("instance event queue did not drain", e);
        }
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.removeRule(RULE);
        }
        worker.shutdownNow();
    }
}
