package dev.spotburst.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What EC2 does to a Spot instance it reclaims ({@code InstanceInterruptionBehavior}). */
public enum InterruptionBehavior {
    TERMINATE("terminate"),
    STOP("stop"),
    HIBERNATE("hibernate");

    private final String wire;

    InterruptionBehavior(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Stop and hibernate need a persistent request; spotburst pins one per node so EC2 restarts <em>that</em>
     * instance (a maintain fleet would launch a replacement instead; EC2 User Guide, "Stop interrupted Spot Instances").
     */
    public boolean keepsInstance() {
        return this != TERMINATE;
    }

    @JsonCreator
    public static InterruptionBehavior fromWire(String s) {
        for (var b : values()) {
            if (b.wire.equals(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("InstanceInterruptionBehavior must be terminate, stop or hibernate, got '" + s + "'");
    }
}
