package dev.spotburst.config;

import java.util.Map;

/**
 * One {@code LaunchTemplateOverrides} entry. {@code instanceType} is lifted out because every decision needs it;
 * the other CreateFleet override fields the user wrote ({@code MaxPrice}, {@code Priority}, …) stay in {@code extra}.
 */
public record InstanceOverride(String instanceType, Map<String, Object> extra) {
    public InstanceOverride {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
