package dev.spotburst.functions.reconcile;

/** The closed set a node is classified into before anything is done (slurm-gcp's slurmsync shape). */
public enum NodeStatus {
    /** Nothing to do. */
    UNCHANGED,
    /** LAUNCHED and Slurm shows slurmd registered: READY. */
    REGISTERED,
    /** Launched (or still resuming) past ResumeTimeout without registering: FAILED, NodeDown, terminate. */
    LAUNCH_TIMED_OUT,
    /** Wanted but its instance is gone and nothing replaced it: FAILED, POWER_DOWN_FORCE (jobs requeue). */
    INSTANCE_LOST,
    /** Its instance is gone but another live instance carries its node tag: re-bind and tell Slurm the address. */
    INSTANCE_REPLACED,
    /** Same instance, new private address: record it and tell Slurm. */
    ADDRESS_CHANGED,
    /** Wanted and nothing launching: a resume that stopped part-way, or an always-on (MinNodes) node that is down. */
    WANT_LAUNCH,
    /** Slurm holds it {@code down~} and no instance exists: State=RESUME returns it to {@code idle~}. */
    SLURM_DOWN_POWERED_OFF,
    /** Slurm holds it {@code idle#} past ResumeTimeout, or {@code down*}/{@code idle*} with no instance: POWER_DOWN_FORCE. */
    SLURM_STUCK,
    /**
     * Bound instance lacks its node tag where one is expected ({@code LaunchTags.nodeTagExpected}: per-node launches,
     * {@code NodeNameTags=always}, per-instance user tags), e.g. CreateTags after a fleet launch failed: tag it.
     */
    MISSING_NODE_TAG,
    /**
     * A hibernation step the EC2 events did not deliver (missed or reordered): READY with a stopping/stopped instance
     * in a hibernate group, HIBERNATING with a stopped one, HIBERNATED running again, or either with the instance
     * or its persistent request gone. Performed by the same code as the events ({@code HibernationService}).
     */
    HIBERNATION_CHANGED,
    /**
     * INTERRUPTED and the instance is gone (or the interruption is older than the orphan grace): finish it,
     * POWERED_DOWN. Never relaunched: INTERRUPTED is not a wanted state, only a new resume from Slurm is.
     */
    INTERRUPTION_OVER,
    /**
     * Powered down in our state, but Slurm shows it DRAINED with a spotburst reason (a rebalance or hibernation
     * drain outlived its instance): State=RESUME, or Slurm never uses the node again.
     */
    SLURM_DRAINED_POWERED_OFF
}
