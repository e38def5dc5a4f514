package dev.spotburst.config;

/**
 * {@code Spotburst.NodeNameTags} in config.json: when an instance gets its per-node tags ({@code Name} and
 * {@code spotburst:node}). The binding instance → node lives in DynamoDB either way (item
 * {@code LAUNCH#<instanceId>}, attribute {@code node}; docs/state.md "Node identity"); tags are for humans.
 */
public enum NodeNameTags {
    /**
     * Only where the launch call itself carries them: per-node RunInstances and fleets for one node. A multi-node
     * fleet's instances carry the uniform cluster and group tags only, so a burst makes no per-instance call.
     */
    LAUNCH("launch"),
    /** Also CreateTags on every instance of a multi-node fleet after launch (one mutating call per node). */
    ALWAYS("always");

    private final String wire;

    NodeNameTags(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static NodeNameTags fromWire(String s) {
        for (var v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("NodeNameTags must be 'launch' or 'always', got '" + s + "'");
    }
}
