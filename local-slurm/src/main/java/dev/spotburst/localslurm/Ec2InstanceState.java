package dev.spotburst.localslurm;

import java.util.Locale;

/** EC2 instance states as the wire and the state-change events name them ({@code running}, {@code shutting-down}). */
public enum Ec2InstanceState {
    PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED;

    public static Ec2InstanceState fromWire(String name) {
        for (var s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown EC2 instance state '" + name
                + "' (expected pending, running, stopping, stopped, shutting-down or terminated)");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
