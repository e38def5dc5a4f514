package dev.spotburst.functions.rescue;

/** An instance or volume did not reach the wanted state within the workflow's polling budget. */
final class RescueTimeout extends RuntimeException {
    RescueTimeout(String what) {
        super(what);
    }
}
