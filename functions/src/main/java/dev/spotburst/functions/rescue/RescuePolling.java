package dev.spotburst.functions.rescue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * How a rescue waits for the few EC2 transitions it needs (pending → running, stopping → stopped, volume detaching →
 * available). Two modes:
 * <ul>
 * <li><b>step</b> ({@link #stepwise}, what the control plane uses): never waits. A transition not yet done ends the
 * invocation with {@link RescueOutcome.InProgress}; the next invocation continues. {@code budget} bounds the whole
 * rescue, counted from the twin's launch (tag {@code spotburst:rescue-started}): a rescue still waiting after it
 * fails with {@code Timeout}.</li>
 * <li><b>blocking</b> ({@link #standard}): polls every {@code interval} up to {@code maxPolls} times per transition,
 * then fails with {@code Timeout}. The sleeper is injected so tests move a virtual clock instead of waiting.</li>
 * </ul>
 */
public record RescuePolling(Duration interval, int maxPolls, LongConsumer sleeper, Duration budget) {

    /** A whole rescue normally needs ~3 instance transitions of 1–2 minutes each. */
    public static final Duration STEP_BUDGET = Duration.ofMinutes(30);

    /** Blocking mode (no overall budget; each transition is bounded by {@code maxPolls}). */
    public RescuePolling(Duration interval, int maxPolls, LongConsumer sleeper) {
        this(interval, maxPolls, sleeper, null);
    }

    /** 5 s × 120: ten minutes per transition, well inside a 15-minute Lambda for the usual ~1–2 minute ones. */
    public static RescuePolling standard() {
        return new RescuePolling(Duration.ofSeconds(5), 120, ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RescueTimeout("interrupted");
            }
        });
    }

    /** Step mode: look once, never sleep; the rescue as a whole must finish within {@code budget}. */
    public static RescuePolling stepwise(Duration budget) {
        return new RescuePolling(Duration.ZERO, 0, null, budget);
    }

    public boolean isStepwise() {
        return sleeper == null;
    }

    /**
     * How long one invocation may hold the node's rescue lease: a step is a handful of EC2 calls; a blocking run
     * may wait out several transitions (bounded by a 15-minute Lambda).
     */
    Duration lease() {
        return isStepwise() ? Duration.ofMinutes(5) : Duration.ofMinutes(15);
    }

    RescueInstance instance(RescueEc2 ec2, String instanceId, Set<String> wanted) {
        for (int n = 0; ; n++) {
            var i = ec2.instance(instanceId).orElseThrow(() -> new RescueEc2Exception("InvalidInstanceID.NotFound",
                    "instance " + instanceId + " disappeared during rescue"));
            if (wanted.contains(i.state())) {
                return i;
            }
            if (i.gone()) {
                throw new RescueEc2Exception("InstanceTerminated", "instance " + instanceId + " is " + i.state());
            }
            notYet(n, instanceId + " is " + i.state() + ", wanted " + wanted);
        }
    }

    void volume(RescueEc2 ec2, String volumeId, String wanted) {
        for (int n = 0; ; n++) {
            Optional<String> s = ec2.volumeState(volumeId);
            if (s.isEmpty()) {
                throw new RescueEc2Exception("InvalidVolume.NotFound", "volume " + volumeId + " disappeared during rescue");
            }
            if (s.get().equals(wanted)) {
                return;
            }
            notYet(n, volumeId + " is " + s.get() + ", wanted " + wanted);
        }
    }

    private void notYet(int polls, String what) {
        if (isStepwise()) {
            throw new RescuePending(what);
        }
        if (polls >= maxPolls) {
            throw new RescueTimeout(what);
        }
        sleeper.accept(interval.toMillis());
    }
}
