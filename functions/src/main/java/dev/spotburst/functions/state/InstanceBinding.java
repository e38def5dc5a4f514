package dev.spotburst.functions.state;

import dev.spotburst.model.Market;

/** The EC2 facts a node record keeps about the instance (or persistent Spot request) bound to it. */
public record InstanceBinding(String instanceId, String spotRequestId, Market market, String instanceType,
                              String availabilityZone, String privateIp) {
}
