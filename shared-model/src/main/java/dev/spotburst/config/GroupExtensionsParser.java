package dev.spotburst.config;

import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;

import java.util.Map;
import java.util.Set;

/** A node group's {@code "Spotburst"} block (all optional; absent fields take {@link NodeGroupExtensions#DEFAULTS}). */
final class GroupExtensionsParser {

    private static final Set<String> KNOWN = Set.of("MinNodes", "Weight", "FallbackToOnDemand",
            "FallbackAfterSeconds", "MaxHibernationMinutes", "RebalanceAction", "CapacityCooldownSeconds");

    private final Problems problems;

    GroupExtensionsParser(Problems problems) {
        this.problems = problems;
    }

    NodeGroupExtensions parse(Fields group, int maxNodes, Market market, InterruptionBehavior behavior,
            Map<String, String> slurmSpecs) {
        Fields f = group.object("Spotburst", false, "an object with spotburst's node group settings");
        if (f == null) {
            return NodeGroupExtensions.DEFAULTS;
        }
        f.warnUnknown(KNOWN);
        NodeGroupExtensions d = NodeGroupExtensions.DEFAULTS;
        String maxText = maxNodes == Integer.MAX_VALUE ? "MaxNodes" : "MaxNodes (" + maxNodes + ")";
        Integer minNodes = f.integer("MinNodes", false, 0, maxNodes, "an integer from 0 to " + maxText);
        Integer weight = f.integer("Weight", false, 0, Integer.MAX_VALUE, "an integer >= 0 (Slurm Weight: lower is "
                + "used first)");
        if (weight != null && slurmSpecs.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Weight"))) {
            problems.warning(f.path("Weight"), f.raw("Weight"), "Weight in only one place (SlurmSpecifications.Weight "
                    + "wins)");
        }
        Boolean fallback = f.bool("FallbackToOnDemand", false, "true or false");
        if (Boolean.TRUE.equals(fallback) && market == Market.ON_DEMAND) {
            problems.warning(f.path("FallbackToOnDemand"), f.raw("FallbackToOnDemand"), "false on an on-demand "
                    + "group (there is nothing to fall back from)");
        }
        Integer fallbackAfter = f.integer("FallbackAfterSeconds", false, 0, 86_400, "an integer number of seconds, "
                + "0..86400");
        Integer maxHibernation = f.integer("MaxHibernationMinutes", false, 0, 525_600, "an integer number of "
                + "minutes >= 0 (0 = never move a hibernated node to On-Demand)");
        if (maxHibernation != null && maxHibernation > 0 && behavior != InterruptionBehavior.HIBERNATE) {
            problems.warning(f.path("MaxHibernationMinutes"), f.raw("MaxHibernationMinutes"), "no "
                    + "MaxHibernationMinutes unless SpotOptions.InstanceInterruptionBehavior is \"hibernate\" "
                    + "(it is ignored)");
        }
        Integer cooldown = f.integer("CapacityCooldownSeconds", false, 0, 86_400, "an integer number of seconds, "
                + "0..86400 (0 = no cooldown after a capacity failure)");
        String rebalance = f.string("RebalanceAction", false, null, "\"drain\" or \"drain-and-replace\"");
        NodeGroupExtensions.RebalanceAction action = d.rebalanceAction();
        if (rebalance != null) {
            try {
                action = NodeGroupExtensions.RebalanceAction.fromWire(rebalance);
            } catch (IllegalArgumentException e) {
                problems.error(f.path("RebalanceAction"), f.raw("RebalanceAction"), "\"drain\" or "
                        + "\"drain-and-replace\"");
            }
        }
        return new NodeGroupExtensions(minNodes == null ? d.minNodes() : minNodes, weight,
                fallback == null ? d.fallbackToOnDemand() : fallback,
                fallbackAfter == null ? d.fallbackAfterSeconds() : fallbackAfter,
                maxHibernation == null ? d.maxHibernationMinutes() : maxHibernation, action,
                cooldown == null ? d.capacityCooldownSeconds() : cooldown);
    }
}
