package dev.spotburst.functions.launch;

import dev.spotburst.model.Market;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** What DescribeInstances says about one of our instances, without SDK types. */
public record InstanceView(String instanceId, String state, String instanceType, String availabilityZone,
                           String subnetId, String privateIp, String privateDnsName, Instant launchTime,
                           Market market, String spotRequestId, Map<String, String> tags) {

    private static final Set<String> GONE = Set.of("shutting-down", "terminated");

    public InstanceView {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Terminated or on its way there: nothing left to reclaim. */
    public boolean gone() {
        return GONE.contains(state);
    }

    public boolean stoppedOrStopping() {
        return "stopped".equals(state) || "stopping".equals(state);
    }

    public String nodeTag() {
        return tags.get(LaunchTags.NODE);
    }
}
