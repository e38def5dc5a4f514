package dev.spotburst.functions.rescue;

import java.util.Map;

/**
 * The EC2 facts rescue needs about one instance.
 *
 * @param state          EC2 state name (pending, running, stopping, stopped, shutting-down, terminated)
 * @param rootVolumeId   volume attached at {@code rootDeviceName}, null when detached
 * @param hibernated     stopped by a hibernation (state reason {@code …Hibernate…} or Spot hibernate)
 */
public record RescueInstance(String instanceId, String state, String instanceType, String subnetId,
                             String availabilityZone, String privateIp, String rootDeviceName, String rootVolumeId,
                             String spotRequestId, Map<String, String> tags) {

    public RescueInstance {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean is(String s) {
        return s.equals(state);
    }

    public boolean gone() {
        return is("shutting-down") || is("terminated");
    }
}
