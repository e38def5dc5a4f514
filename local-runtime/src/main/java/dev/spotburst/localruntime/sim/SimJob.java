package dev.spotburst.localruntime.sim;

import dev.spotburst.model.NodeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A batch job: N nodes of one partition for a duration. Guarded by the controller. */
public final class SimJob {
    public enum State { PENDING, CONFIGURING, RUNNING, SUSPENDED, COMPLETED }

    final long id;
    final String partition;
    final int nodeCount;
    final Duration duration;
    State state = State.PENDING;
    final List<NodeName> nodes = new ArrayList<>();
    Instant eligibleAt;
    Instant endsAt;
    Duration remaining;
    int restarts;
    /** While a node of the job is frozen: since when; the job makes no progress and writes no output. */
    Instant pausedSince;
    int pauses;
    Duration longestGap = Duration.ZERO;
    Instant completedAt;

    SimJob(long id, String partition, int nodeCount, Duration duration, Instant submittedAt) {
        this.id = id;
        this.partition = partition;
        this.nodeCount = nodeCount;
        this.duration = duration;
        this.eligibleAt = submittedAt;
        this.remaining = duration;
    }

    public long id() {
        return id;
    }

    public State state() {
        return state;
    }

    public int restarts() {
        return restarts;
    }
}
