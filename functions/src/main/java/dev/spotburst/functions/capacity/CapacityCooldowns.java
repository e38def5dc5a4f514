package dev.spotburst.functions.capacity;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.model.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Performs {@link CapacityCooldown} after a launch: writes the group's cooldown (conditional on the group record's
 * version, re-read on a lost race) and builds the NodeDown for its powered-down nodes.
 */
public final class CapacityCooldowns {
    private static final Logger log = LoggerFactory.getLogger(CapacityCooldowns.class);
    private static final int ATTEMPTS = 3;

    private final StateStore store;

    public CapacityCooldowns(StateStore store) {
        this.store = store;
    }

    /**
     * @param failed this launch's nodes that stayed unlaunched (already FAILED and reported by the caller)
     * @return the NodeDown message for the group's other powered-down nodes, when this call started the cooldown
     */
    public Optional<CommandMessage> afterLaunch(String cluster, NodeGroupConfig group, Collection<LaunchError> errors,
                                                Collection<NodeName> failed, Instant now) {
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                var current = store.group(group.id());
                var next = CapacityCooldown.start(current, java.util.List.copyOf(errors), failed.size(),
                        group.spotburst().capacityCooldownSeconds(), now);
                if (next.isEmpty() || next.get().capacityCooldownUntil().equals(current.capacityCooldownUntil())) {
                    return Optional.empty(); // no capacity error, disabled, or a concurrent launch started it already
                }
                if (store.updateGroup(current, next.get())) {
                    var records = store.nodes(group.id()).stream()
                            .collect(Collectors.toMap(NodeRecord::node, Function.identity(), (a, b) -> a));
                    var down = CapacityCooldown.downPoweredOff(next.get(), group, records, failed);
                    log.warn("capacity cooldown of {} until {} ({}); DOWN: {}", group.id(),
                            next.get().capacityCooldownUntil(), next.get().capacityCooldownCode(),
                            down.map(d -> d.nodes()).orElse("none"));
                    return down.map(d -> Commands.message(cluster, now, d,
                            "capacity-cooldown," + group.id() + "@" + next.get().version()));
                }
            }
            log.warn("capacity cooldown of {} not written: the group record kept changing", group.id());
        } catch (RuntimeException e) {
            // Best effort: the failed nodes' own NodeDown must still go out; without the cooldown Slurm only retries sooner.
            log.warn("capacity cooldown of {} not written: {}", group.id(), e.toString());
        }
        return Optional.empty();
    }
}
