package dev.spotburst.functions.launch;

import java.util.Map;

/**
 * One capacity pool of a node group: an instance type in a subnet. {@code overrideExtra} carries the other
 * override fields the user wrote ({@code MaxPrice}, {@code Priority}, …) through to EC2 untouched.
 */
public record Pool(String instanceType, String subnetId, Map<String, Object> overrideExtra) {
    public Pool {
        overrideExtra = overrideExtra == null ? Map.of() : Map.copyOf(overrideExtra);
    }

    @Override
    public String toString() {
        return instanceType + "@" + subnetId;
    }
}
