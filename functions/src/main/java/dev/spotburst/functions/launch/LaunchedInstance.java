package dev.spotburst.functions.launch;

import dev.spotburst.model.Market;

/** An instance EC2 launched for us; address and zone may be filled in by a later describe. */
public record LaunchedInstance(String instanceId, String instanceType, String subnetId, Market market,
                               String spotRequestId) {
}
