package dev.spotburst.functions.state;

import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;

import java.time.Instant;

/** One instance's life for the cost report: who it served, what it was, when it started and ended. */
public record LaunchRecord(String instanceId, NodeName node, Market market, String instanceType,
                           String availabilityZone, Instant launchedAt, Instant endedAt) {
}
