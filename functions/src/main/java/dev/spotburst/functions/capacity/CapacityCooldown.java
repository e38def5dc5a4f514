package dev.spotburst.functions.capacity;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node group whose pools ran dry is cooled down for {@code Spotburst.CapacityCooldownSeconds}
 * (ParallelCluster's {@code insufficient_capacity_timeout}): its powered-down nodes go DOWN in Slurm so pending jobs
 * do not pick them one after another (each a resume and a failed CreateFleet), and a resume that still arrives
 * fails at once with the same reason, without an EC2 call. The reconciler leaves those {@code down~} nodes alone
 * until the cooldown ends, then its usual repair returns them to {@code idle~}. Pure: the clock is passed in.
 */
public final class CapacityCooldown {
    private CapacityCooldown() {
    }

    /**
     * The cooldown a launch starts: the group's next record, when nodes stayed unlaunched because of a capacity
     * error (never throttling: {@code CapacityErrors}) and the group has a cooldown configured.
     */
    public static Optional<NodeGroupRecord> start(NodeGroupRecord group, List<LaunchError> errors, int unlaunched,
                                                  int cooldownSeconds, Instant now) {
        if (unlaunched == 0 || cooldownSeconds <= 0) {
            return Optional.empty();
        }
        return errors.stream().filter(LaunchError::isCapacity).map(LaunchError::code).findFirst()
                .map(code -> group.capacityCooldown(now.plusSeconds(cooldownSeconds), code, now));
    }

    /** Why the group's launches are held, while its cooldown lasts. */
    public static Optional<String> blocked(NodeGroupRecord group, Instant now) {
        return group.coolingDown(now) ? Optional.of(reason(group)) : Optional.empty();
    }

    /** {@code spotburst: capacity cooldown until <UTC time> (<EC2 code>)}. */
    public static String reason(NodeGroupRecord group) {
        return Commands.reason("spotburst: capacity cooldown until "
                + group.capacityCooldownUntil().truncatedTo(ChronoUnit.SECONDS) + " ("
                + (group.capacityCooldownCode() == null ? "capacity" : group.capacityCooldownCode()) + ")");
    }

    /**
     * The NodeDown for the cooled group's POWERED_DOWN nodes (a node never written is POWERED_DOWN). Nodes FAILED
     * (already reported) and those launching or up are left alone, as are {@code exclude} (this launch's own).
     */
    public static Optional<SlurmCommand.NodeDown> downPoweredOff(NodeGroupRecord cooled, NodeGroupConfig group,
                                                                 Map<NodeName, NodeRecord> records,
                                                                 Collection<NodeName> exclude) {
        var nodes = group.nodes().filter(n -> !exclude.contains(n))
                .filter(n -> records.getOrDefault(n, NodeRecord.initial(n)).state() == NodeState.POWERED_DOWN)
                .toList();
        return nodes.isEmpty() ? Optional.empty()
                : Optional.of(new SlurmCommand.NodeDown(Commands.hostlist(nodes), reason(cooled)));
    }

    /**
     * How long a FAILED node stays DOWN before the reconciler returns it: the general hold, shortened to the
     * group's cooldown when one is set shorter, so a failed node does not outlast the cooldown of its group.
     */
    public static Duration failedHold(Duration general, int cooldownSeconds) {
        return cooldownSeconds > 0 && cooldownSeconds < general.toSeconds() ? Duration.ofSeconds(cooldownSeconds) : general;
    }

    /** The reconciler does not repair the group's {@code down~} nodes while its cooldown lasts. */
    public static boolean holdsRepair(NodeGroupRecord group, Instant now) {
        return group.coolingDown(now);
    }
}
