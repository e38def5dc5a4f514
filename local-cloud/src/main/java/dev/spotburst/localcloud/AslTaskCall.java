package dev.spotburst.localcloud;

/** One Task invocation routed to Java: state name, resource (after substitution) and the input JSON it received. */
public record AslTaskCall(String state, String resource, String inputJson) {
}
