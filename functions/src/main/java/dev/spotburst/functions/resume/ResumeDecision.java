package dev.spotburst.functions.resume;

import dev.spotburst.functions.state.NodeRecord;

import java.time.Instant;

/** What a resume request does to a node, from its record alone. Pure. */
public enum ResumeDecision {
    /** POWERED_DOWN or FAILED: mark RESUMING and launch. */
    MARK,
    /** RESUMING with nothing bound: a previous attempt of this batch stopped part-way; launch again (same token). */
    RELAUNCH,
    /** Already wanted, or the request is older than one already applied: nothing to do. */
    SKIP,
    /** Being suspended or interrupted right now: retry the message later. */
    BUSY;

    public static ResumeDecision decide(NodeRecord r, Instant issuedAt) {
        if (r.isStale(issuedAt)) {
            return SKIP;
        }
        return switch (r.state()) {
            case POWERED_DOWN, FAILED -> MARK;
            case RESUMING -> r.hasInstance() || r.spotRequestId() != null ? SKIP : RELAUNCH;
            case LAUNCHED, READY, HIBERNATING, HIBERNATED -> SKIP;
            case SUSPENDING, INTERRUPTED -> BUSY;
        };
    }
}
