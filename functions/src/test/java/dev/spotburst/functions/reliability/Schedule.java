package dev.spotburst.functions.reliability;

import java.util.List;

/** A generated run: the steps, and whether capacity comes back before quiescence (invariants must hold both ways). */
record Schedule(List<Step> steps, boolean restoreCapacityAtEnd) {

    @Override
    public String toString() {
        var sb = new StringBuilder("Schedule (" + steps.size() + " steps, capacity "
                + (restoreCapacityAtEnd ? "restored" : "left as is") + " at the end):\n");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(String.format("  %2d. %s%n", i + 1, steps.get(i)));
        }
        return sb.toString();
    }
}
