package dev.spotburst.localruntime.sim;

import dev.spotburst.ec2emu.InstanceView;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The compute-node side: an instance boots, reads its node name from its {@code Name} tag and starts
 * {@code slurmd -b -N <node>}. Here: a POWERING_UP node registers once an instance tagged with its name is
 * {@code running} and was launched after ResumeProgram was called (slurmd -b: an older boot is ignored, P2).
 * After that the node's processes follow its instance: frozen while it is stopped, gone with it when it is
 * terminated ({@link FrozenNodes}).
 */
final class SimulatedSlurmd {
    /** Launch times come from the emulator's clock; allow for the two clocks' skew. */
    private static final Duration BOOT_SLACK = Duration.ofSeconds(2);

    private final SlurmController controller;
    private final Supplier<List<InstanceView>> instances;

    SimulatedSlurmd(SlurmController controller, Supplier<List<InstanceView>> instances) {
        this.controller = controller;
        this.instances = instances;
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
        Map<String, InstanceView> byName = new HashMap<>();
        for (var i : all) {
            String name = i.tags().get("Name");
            if (name != null && "running".equals(i.state())) {
                byName.merge(name, i, (a, b) -> a.launchTime().isAfter(b.launchTime()) ? a : b);
            }
        }
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
}
