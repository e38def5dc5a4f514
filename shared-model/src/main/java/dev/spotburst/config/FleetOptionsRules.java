package dev.spotburst.config;

import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code OnDemandOptions} / {@code SpotOptions}: CreateFleet shapes, required by market, values checked. */
final class FleetOptionsRules {

    static final List<String> SPOT_STRATEGIES = List.of("price-capacity-optimized", "capacity-optimized",
            "capacity-optimized-prioritized", "diversified", "lowest-price");
    static final List<String> ON_DEMAND_STRATEGIES = List.of("lowest-price", "prioritized");
    static final List<String> BEHAVIORS = List.of("terminate", "stop", "hibernate");
    private static final Set<String> SPOT_KNOWN = Set.of("AllocationStrategy", "MaintenanceStrategies",
            "InstanceInterruptionBehavior", "InstancePoolsToUseCount", "SingleInstanceType", "SingleAvailabilityZone",
            "MinTargetCapacity", "MaxTotalPrice");
    private static final Set<String> ON_DEMAND_KNOWN = Set.of("AllocationStrategy", "CapacityReservationOptions",
            "SingleInstanceType", "SingleAvailabilityZone", "MinTargetCapacity", "MaxTotalPrice");

    record Result(Map<String, Object> onDemandOptions, Map<String, Object> spotOptions, InterruptionBehavior behavior) {
    }

    private final Problems problems;

    FleetOptionsRules(Problems problems) {
        this.problems = problems;
    }

    Result parse(Fields group, Market market) {
        Fields od = group.object("OnDemandOptions", market == Market.ON_DEMAND,
                "an object like CreateFleet's OnDemandOptions, e.g. {\"AllocationStrategy\": \"lowest-price\"}");
        Fields spot = group.object("SpotOptions", market == Market.SPOT,
                "an object like CreateFleet's SpotOptions, e.g. {\"AllocationStrategy\": \"price-capacity-optimized\"}");
        InterruptionBehavior behavior = InterruptionBehavior.TERMINATE;
        if (od != null) {
            od.warnUnknown(ON_DEMAND_KNOWN);
            oneOf(od, "AllocationStrategy", ON_DEMAND_STRATEGIES);
        }
        if (spot != null) {
            if (market == Market.ON_DEMAND) {
                problems.warning(spot.path(), spot.node(), "no SpotOptions on an on-demand group (they are ignored)");
            }
            spot.warnUnknown(SPOT_KNOWN);
            oneOf(spot, "AllocationStrategy", SPOT_STRATEGIES);
            String b = oneOf(spot, "InstanceInterruptionBehavior", BEHAVIORS);
            if (b != null) {
                behavior = InterruptionBehavior.fromWire(b);
            }
        }
        return new Result(od == null ? Map.of() : od.plainMap(), spot == null ? Map.of() : spot.plainMap(), behavior);
    }

    private String oneOf(Fields f, String key, List<String> allowed) {
        String expected = "one of " + String.join(", ", allowed);
        String v = f.string(key, false, null, expected);
        if (v != null && !allowed.contains(v)) {
            problems.error(f.path(key), f.raw(key), expected);
            return null;
        }
        return v;
    }
}
