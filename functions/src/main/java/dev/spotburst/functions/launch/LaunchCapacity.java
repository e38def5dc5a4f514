package dev.spotburst.functions.launch;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: obtaining EC2 capacity. Throttling is retried inside; {@link ThrottledException} when it persists. */
public interface LaunchCapacity {

    LaunchOutcome launch(LaunchPlan plan);

    void tag(String instanceId, List<LaunchTag> tags);

    /** Availability zone of each subnet, for human-readable failure reasons; unknown subnets map to themselves. */
    Map<String, String> subnetZones(Collection<String> subnetIds);
}
