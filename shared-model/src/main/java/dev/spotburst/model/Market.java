package dev.spotburst.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** EC2 purchasing option, spelled as CreateFleet and the plugin's {@code PurchasingOption} spell it. */
public enum Market {
    SPOT("spot"),
    ON_DEMAND("on-demand");

    private final String wire;

    Market(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Market fromWire(String s) {
        for (var m : values()) {
            if (m.wire.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("purchasing option must be 'spot' or 'on-demand', got '" + s + "'");
    }
}
