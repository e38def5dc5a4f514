package dev.spotburst.localruntime.sim;

import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One cloud node as slurmctld tracks it: base state, power state and flags (slurm-findings §3–§6). Guarded by the controller. */
final class SimNode {
    enum Power { OFF, POWERING_UP, ON, POWERING_DOWN }

    final NodeName name;
    final int weight;
    Power power = Power.OFF;
    boolean down;
    boolean drain;
    /** The {@code !} flag: power down once idle (POWER_DOWN, POWER_DOWN_ASAP). */
    boolean powerDownPending;
    String reason;
    String address;
    Long jobId;
    Instant powerSince = Instant.EPOCH;
    Instant idleSince = Instant.EPOCH;
    /** When ResumeProgram was called for the current power-up; null while the call is still queued. */
    Instant resumeCalledAt;
    boolean everResumed;
    boolean everRegistered;
    String lastFailure;
    /** The instance slurmd registered from, and its memory identity then (see {@link FrozenNodes}). */
    String instanceId;
    String memory;
    /** Since when the node's processes are frozen (instance stopping/stopped, or gone); null while they run. */
    Instant frozenSince;
    boolean instanceGone;

    SimNode(NodeName name, int weight) {
        this.name = name;
        this.weight = weight;
    }

    boolean allocatable() {
        return !down && !drain && !powerDownPending && jobId == null && power != Power.POWERING_DOWN;
    }

    void setPower(Power p, Instant now) {
        power = p;
        powerSince = now;
        if (p == Power.OFF) {
            instanceId = null;
            memory = null;
            frozenSince = null;
            instanceGone = false;
        }
    }

    /** sinfo's short state with power suffix: {@code idle~}, {@code alloc#}, {@code idle%}, {@code down~}, {@code drain}. */
    String stateText() {
        String base = down ? "down" : drain ? (jobId != null ? "draining" : "drained") : jobId != null ? "alloc" : "idle";
        String suffix = switch (power) {
            case OFF -> "~";
            case POWERING_UP -> "#";
            case POWERING_DOWN -> "%";
            case ON -> powerDownPending ? "!" : "";
        };
        return base + suffix;
    }

    SlurmSnapshot.Node snapshot() {
        Set<String> flags = new TreeSet<>(Set.of("CLOUD"));
        switch (power) {
            case OFF -> flags.add("POWERED_DOWN");
            case POWERING_UP -> {
                flags.add("POWERING_UP");
                flags.add("NOT_RESPONDING");
            }
            case POWERING_DOWN -> flags.add("POWERING_DOWN");
            case ON -> { }
        }
        if (drain) {
            flags.add("DRAIN");
        }
        if (powerDownPending) {
            flags.add("POWER_DOWN");
        }
        String state = down ? "DOWN" : jobId != null ? "ALLOCATED" : "IDLE";
        return new SlurmSnapshot.Node(name.toString(), state, flags, reason, address == null ? name.toString() : address,
                jobId == null ? List.of() : List.of(jobId));
    }
}
