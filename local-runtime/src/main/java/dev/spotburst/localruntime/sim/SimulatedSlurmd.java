package dev.spotburst.localruntime.sim;

import dev.spotburst.ec2emu.InstanceView;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The compute-node side: an instance boots, learns its node name ({@link NodeIdentity}: its {@code Name} tag, else
 * its launch record in the state table) and starts {@code slurmd -b -N <node>}. Here: a POWERING_UP node registers
 * once an instance named for it is {@code running} and was launched after ResumeProgram was called (slurmd -b: an older boot is ignored, P2).
 * After that the node's processes follow its instance: frozen while it is stopped, gone with it when it is
 * terminated ({@link FrozenNodes}).
 */
final class SimulatedSlurmd {
    /** Launch times come from the emulator's clock; allow for the two clocks' skew. */
    private static final Duration BOOT_SLACK = Duration.ofSeconds(2);

    private final SlurmController controller;
    private final Supplier<List<InstanceView>> instances;
    private final NodeIdentity identity;

    /** @param identity launch-record lookup; null = names from {@code Name} tags only */
    SimulatedSlurmd(SlurmController controller, Supplier<List<InstanceView>> instances, NodeIdentity identity) {
        this.controller = controller;
        this.instances = instances;
        this.identity = identity;
    }

    /**
     * Registers every waiting node whose instance is up, then lets registered nodes react to their instance's state
     * (freeze, thaw, loss); returns how many registered.
     */
    int poll(Instant now) {
        var all = instances.get();
        int registered = register(all, now);
        var byId = new HashMap<String, ObservedInstance>();
        for (var i : all) {
            byId.put(i.instanceId(), observed(i));
        }
        controller.observeInstances(byId, now);
        return registered;
    }

    private static ObservedInstance observed(InstanceView i) {
        return new ObservedInstance(i.instanceId(), i.state(), i.privateIpAddress(), i.memory());
    }

    private int register(List<InstanceView> all, Instant now) {
        var waiting = controller.awaitingRegistration();
        if (waiting.isEmpty()) {
            return 0;
        }
        Map<String, Map<String, String>> running = new HashMap<>();
        Map<String, InstanceView> byId = new HashMap<>();
        for (var i : all) {
            if ("running".equals(i.state())) {
                running.put(i.instanceId(), i.tags());
                byId.put(i.instanceId(), i);
            }
        }
        Map<String, String> names = identity != null ? identity.names(running) : tagNames(running);
        Map<String, InstanceView> byName = new HashMap<>();
        names.forEach((id, name) -> byName.merge(name, byId.get(id),
                (a, b) -> a.launchTime().isAfter(b.launchTime()) ? a : b));
        int registered = 0;
        for (var e : waiting.entrySet()) {
            var i = byName.get(e.getKey().toString());
            if (i != null && i.launchTime() != null && !i.launchTime().isBefore(e.getValue().minus(BOOT_SLACK))
                    && controller.register(e.getKey(), observed(i), now)) {
                registered++;
            }
        }
        return registered;
    }

    private static Map<String, String> tagNames(Map<String, Map<String, String>> tags) {
        var out = new HashMap<String, String>();
        tags.forEach((id, t) -> {
            if (t.get("Name") != null) {
                out.put(id, t.get("Name"));
            }
        });
        return out;
    }
}
