package dev.spotburst.functions.hibernation;

/** What an observation of a hibernating node's instance means. Decided by {@link HibernationDecision}. */
public enum HibernationStep {
    /** Nothing changed (still stopping, still stopped, or not a hibernation at all). */
    NONE,
    /** READY but the instance is stopping or stopped: a hibernation whose events were missed or reordered. */
    BEGIN,
    /** HIBERNATING and the instance reached {@code stopped}. */
    STOPPED,
    /** The same instance is running again. */
    RETURNED,
    /** The instance is gone or its persistent request no longer exists: the job's memory is lost. */
    LOST
}
