package dev.spotburst.functions.rescue;

import dev.spotburst.model.NodeName;

import java.time.Duration;

/** What {@link RescuePlanner} decides for one node. */
public sealed interface RescueStep {

    NodeName node();

    /**
     * Move the node's hibernated Spot instance onto On-Demand capacity of the same type, keeping its memory.
     *
     * @param recordVersion the node record version the decision was made on (the workflow re-checks it)
     */
    record Rescue(NodeName node, long recordVersion, String spotInstanceId, String spotRequestId, String instanceType,
                  String availabilityZone, Duration hibernatedFor) implements RescueStep {
    }
}
