package dev.spotburst.functions.rescue;

/** An EC2 call failed; {@link #code()} is EC2's error code (e.g. {@code InsufficientInstanceCapacity}). */
public final class RescueEc2Exception extends RuntimeException {
    private final String code;

    public RescueEc2Exception(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
