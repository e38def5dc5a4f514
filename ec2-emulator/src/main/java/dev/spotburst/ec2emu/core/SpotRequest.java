package dev.spotburst.ec2emu.core;

import java.time.Instant;

/**
 * A Spot Instance request. State / status codes follow EC2 User Guide, "State changes for a Spot request"
 * (spot-instances-request-status-lifecycle.html): a persistent request is opened again when its instance is
 * interrupted, but only after a start when the user stopped it.
 */
public final class SpotRequest {
    public String id;
    public String type;              // one-time | persistent
    public String state;             // open | active | closed | cancelled | failed | disabled
    public String statusCode;
    public String statusMessage;
    public Instant statusUpdateTime;
    public Instant createTime;
    public String instanceId;
    public String maxPrice;
    public String interruptionBehavior;
    public String imageId;
    public String instanceType;
    public String subnetId;
    public String availabilityZone;
    public String keyName;
    public boolean hibernationConfigured;
    /** Launched by an EC2 Fleet: the fleet, not the request, decides about replacements. */
    public boolean fleetManaged;
}
