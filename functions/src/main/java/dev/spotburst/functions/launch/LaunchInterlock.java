package dev.spotburst.functions.launch;

import dev.spotburst.functions.state.NodeGroupRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Safety checks before spending money. A protected group (repeated boot failures: a broken AMI or template) does
 * not launch, nor does a group in a capacity cooldown ({@code CapacityCooldown}). Nor does anything while the
 * reconciler's heartbeat is stale: nobody would sweep orphans or time out launches (ParallelCluster's resume
 * refuses to launch on a stale clustermgtd heartbeat for the same reason). A missing heartbeat means a fresh
 * deployment whose first reconcile has not run yet, and is allowed.
 */
public final class LaunchInterlock {
    private LaunchInterlock() {
    }

    public static Duration heartbeatLimit(int reconcileIntervalSeconds) {
        return Duration.ofSeconds(3L * Math.max(reconcileIntervalSeconds, 60) + 60);
    }

    public static Optional<String> blocked(NodeGroupRecord group, Optional<Instant> heartbeat,
                                           int reconcileIntervalSeconds, Instant now) {
        if (group.isProtected()) {
            return Optional.of("spotburst: node group " + group.group() + " protected after "
                    + group.consecutiveBootFailures() + " boot failures (since " + group.protectedSince() + ")");
        }
        var cooldown = dev.spotburst.functions.capacity.CapacityCooldown.blocked(group, now);
        if (cooldown.isPresent()) {
            return cooldown; // its pools ran dry a moment ago: fail at once, as the capacity failure did
        }
        if (heartbeat.isPresent() && heartbeat.get().plus(heartbeatLimit(reconcileIntervalSeconds)).isBefore(now)) {
            return Optional.of("spotburst: reconciler not running (last heartbeat " + heartbeat.get() + ")");
        }
        return Optional.empty();
    }
}
