package dev.spotburst.functions.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Words the Slurm node reason for nodes that could not be launched, with EC2's error code first so an operator
 * can act on it, e.g. {@code spotburst: InsufficientInstanceCapacity (m6i.2xlarge in eu-west-1a,eu-west-1b)}.
 */
public final class FailureReasons {
    private FailureReasons() {
    }

    public static String of(List<LaunchError> errors, Map<String, String> subnetZones, int wanted, int got) {
        if (errors.isEmpty()) {
            return "spotburst: EC2 launched " + got + " of " + wanted + " instances without an error";
        }
        // Capacity codes first: they explain the shortage; other codes follow.
        var byCode = new TreeMap<String, Map<String, TreeSet<String>>>((a, b) -> {
            int c = Boolean.compare(!CapacityErrors.isCapacity(a), !CapacityErrors.isCapacity(b));
            return c != 0 ? c : a.compareTo(b);
        });
        for (var e : errors) {
            var types = byCode.computeIfAbsent(e.code() == null ? "Unknown" : e.code(), k -> new LinkedHashMap<>());
            // Errors not tied to a pool (bad template, permissions) carry EC2's message instead.
            var zones = types.computeIfAbsent(e.instanceType() == null ? String.valueOf(e.message()) : e.instanceType(),
                    k -> new TreeSet<>());
            if (e.subnetId() != null) {
                zones.add(subnetZones.getOrDefault(e.subnetId(), e.subnetId()));
            }
        }
        var parts = byCode.entrySet().stream().map(c -> c.getKey() + " (" + c.getValue().entrySet().stream()
                .map(t -> t.getValue().isEmpty() ? t.getKey() : t.getKey() + " in " + String.join(",", t.getValue()))
                .collect(Collectors.joining("; ")) + ")").toList();
        return "spotburst: " + String.join(", ", parts);
    }
}
