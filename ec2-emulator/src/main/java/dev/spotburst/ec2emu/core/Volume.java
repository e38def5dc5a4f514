package dev.spotburst.ec2emu.core;

import java.time.Instant;

/**
 * Mutable EBS volume record; guarded by the {@link World} lock. A volume lives in one Availability Zone and is
 * attached to at most one instance (no Multi-Attach). {@link #hibernationImage} models the RAM image a hibernation
 * writes to the root volume (EC2 User Guide, "How Amazon EC2 instance hibernation works": the contents of RAM are
 * saved to the EBS root volume): whoever boots from this volume next may resume that memory.
 */
public final class Volume {
    public String id;
    public int sizeGiB;
    public String volumeType = "gp3";
    public boolean encrypted;
    public String availabilityZone;
    public Instant createTime;
    /** available | in-use (deleted volumes are removed from the world). */
    public String state = "available";
    public String instanceId;
    public String device;
    public Instant attachTime;
    public boolean deleteOnTermination;
    /** Opaque id of the memory saved on this volume by a hibernation, or null. */
    public String hibernationImage;
    /** Instance type that wrote {@link #hibernationImage}; a resume needs the same type. */
    public String hibernationImageType;

    public boolean attached() {
        return instanceId != null;
    }
}
