package dev.spotburst.functions.ec2events;

import dev.spotburst.functions.capacity.CapacityCooldown;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which node {@code drain-and-replace} powers up early for a node at risk: the lowest-index node of the same group
 * that nothing else is using. Pure. The spare is launched through Slurm ({@code State=POWER_UP} makes slurmctld call
 * ResumeProgram), so Slurm expects its registration; if no job comes, Slurm powers it down after SuspendTime.
 *
 * @param spare the node to power up, empty when there is none (or the group may not launch)
 * @param why   for the log: which node and why, or why none
 */
public record SpareChoice(Optional<NodeName> spare, String why) {

    /**
     * @param atRisk    the node the rebalance recommendation is about (never its own spare)
     * @param groupNodes every node name of the group ({@code NodeGroupConfig.nodes()})
     * @param records   the group's stored records; a node never written is POWERED_DOWN
     * @param group     the group's safety record: a protected or cooling-down group launches nothing
     * @param slurm     Slurm's latest snapshot; only used when younger than {@code freshFor}
     * @param freshFor  how old a snapshot may be and still count ({@code LaunchInterlock.heartbeatLimit}, as the
     *                  reconciler uses it)
     */
    public static SpareChoice choose(NodeName atRisk, List<NodeName> groupNodes, Collection<NodeRecord> records,
                                     NodeGroupRecord group, Optional<SlurmSnapshot> slurm, Duration freshFor,
                                     Instant now) {
        if (group.isProtected()) {
            return none("group " + atRisk.group() + " is protected since " + group.protectedSince());
        }
        var cooldown = CapacityCooldown.blocked(group, now);
        if (cooldown.isPresent()) {
            return none(cooldown.get());
        }
        Map<NodeName, NodeRecord> byName = records.stream()
                .collect(Collectors.toMap(NodeRecord::node, Function.identity(), (a, b) -> a));
        Optional<Map<String, SlurmSnapshot.Node>> fresh = slurm
                .filter(s -> !s.takenAt().plus(freshFor).isBefore(now))
                .map(s -> s.nodes().stream().collect(Collectors.toMap(SlurmSnapshot.Node::name, Function.identity(),
                        (a, b) -> a)));
        return groupNodes.stream().sorted()
                .filter(n -> !n.equals(atRisk))
                .filter(n -> byName.getOrDefault(n, NodeRecord.initial(n)).state() == NodeState.POWERED_DOWN)
                .filter(n -> fresh.map(s -> s.containsKey(n.toString()) && idlePoweredDown(s.get(n.toString())))
                        .orElse(true))
                .findFirst()
                .map(n -> new SpareChoice(Optional.of(n), n + " is powered down"
                        + (fresh.isPresent() ? " (record and Slurm)" : " (record; no fresh Slurm snapshot)")))
                .orElseGet(() -> none("no powered-down node of " + atRisk.group() + " is free"
                        + (fresh.isPresent() ? " in its record and in Slurm" : "")));
    }

    /**
     * {@code idle~} and nothing pending on it: not DOWN ({@code down~} is a failed or cooled node), not drained,
     * not already powering up or down, and not {@code allocated~} (Slurm resumes that one itself for its job).
     * NOT_RESPONDING is allowed: {@code idle~} after {@code RESUME} from {@code down~} carries it and is usable.
     */
    static boolean idlePoweredDown(SlurmSnapshot.Node s) {
        String base = s.state().toUpperCase(Locale.ROOT);
        return "IDLE".equals(base) && s.has("POWERED_DOWN") && !s.has("DRAIN") && !s.has("POWERING_UP")
                && !s.has("POWER_UP") && !s.has("POWERING_DOWN") && !s.has("POWER_DOWN") && !s.has("FAIL");
    }

    private static SpareChoice none(String why) {
        return new SpareChoice(Optional.empty(), why);
    }
}
