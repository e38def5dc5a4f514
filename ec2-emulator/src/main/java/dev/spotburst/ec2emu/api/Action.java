package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.wire.QueryParams;

/** One EC2 Query action: parses its parameters, validates, acts on the world and returns the response XML. */
@FunctionalInterface
interface Action {
    String handle(QueryParams params, String requestId);
}
