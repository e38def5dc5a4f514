package dev.spotburst.functions.reliability;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The reliability properties run on a fixed seed by default, so the build gate tests the same schedules on every
 * machine and a red build always means a change broke something, never that today's dice found an old bug. Exploring
 * new schedules is a separate, deliberate run (DEVELOPERS.md): {@code -Dspotburst.reliability.seed=random} (or a
 * number, to replay a printed seed) and {@code -Dspotburst.reliability.tries=N}. Whatever exploration finds becomes a
 * named example in {@link CrashPointReliabilityIT}.
 */
public final class ExplorationSettings implements AroundPropertyHook {
    static final String TRIES = "spotburst.reliability.tries";
    static final String SEED = "spotburst.reliability.seed";
    static final String GATE_SEED = "20261122";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        var tries = System.getProperty(TRIES);
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.trim()));
        }
        var seed = System.getProperty(SEED, GATE_SEED).trim();
        if (!seed.equalsIgnoreCase("random")) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}
