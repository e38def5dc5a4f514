package dev.spotburst.localruntime.sim;

/** Where the simulation reports what happens (the demo's timeline); one call per event, already worded. */
@FunctionalInterface
public interface SimEvents {
    SimEvents NONE = text -> { };

    void emit(String text);
}
