package dev.spotburst.ec2emu.core;

import java.time.Instant;

/** Mutable instance record; every field is guarded by the {@link World} lock. */
public final class Instance {
    public String id;
    public String reservationId;
    public String imageId;
    public String instanceType;
    public String subnetId;
    public String vpcId;
    public String availabilityZone;
    public String privateIp;
    public String keyName;
    public String clientToken;
    public String market;
    public String spotRequestId;
    public String fleetId;
    public String launchTemplateId;
    public String launchTemplateName;
    public String launchTemplateVersion;
    /** Where EC2 looks for the root volume ({@code rootDeviceName} in DescribeInstances). */
    public String rootDeviceName = "/dev/xvda";
    /**
     * Opaque id of the memory this instance runs with: a fresh one at launch and at every cold boot, carried over
     * when a start resumes a hibernation image (so tests can assert "the job resumed with its memory").
     */
    public String memory;
    public int boots;
    /** The last start resumed a hibernation image from the root volume instead of booting cold. */
    public boolean resumedFromHibernation;
    public int amiLaunchIndex;
    public double weight = 1.0;
    public InstanceState state;
    public Instant launchTime;
    public Instant terminatedAt;
    public String stateTransitionReason = "";
    public String stateReasonCode;
    public String stateReasonMessage;
    public boolean hibernationConfigured;
    /** Spot: what an interruption does (terminate, stop, hibernate). */
    public String interruptionBehavior;
    /** Stopped by the Spot service: only the service may restart it (EC2 User Guide, "Stop interrupted Spot Instances"). */
    public boolean stoppedBySpot;
    public boolean hibernated;
    /** An interruption warning was issued and the action is pending. */
    public boolean interruptionPending;
    /** This instance occupies a slot in its capacity pool (pending/running and not yet reclaimed by EC2). */
    public boolean holdsCapacity;

    public PoolKey pool() {
        return new PoolKey(instanceType, availabilityZone, market);
    }

    public boolean isSpot() {
        return "spot".equals(market);
    }
}
