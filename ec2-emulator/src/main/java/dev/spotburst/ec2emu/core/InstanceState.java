package dev.spotburst.ec2emu.core;

/** EC2 instance states with their documented numeric codes (API Reference, "InstanceState"). */
public enum InstanceState {
    PENDING(0, "pending"),
    RUNNING(16, "running"),
    SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"),
    STOPPING(64, "stopping"),
    STOPPED(80, "stopped");

    public final int code;
    public final String wire;

    InstanceState(int code, String wire) {
        this.code = code;
        this.wire = wire;
    }

    /** Pending or running: the instance is (about to be) doing work and counts towards a fleet's capacity. */
    public boolean active() {
        return this == PENDING || this == RUNNING;
    }

    public boolean gone() {
        return this == SHUTTING_DOWN || this == TERMINATED;
    }
}
