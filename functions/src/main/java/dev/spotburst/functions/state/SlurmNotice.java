package dev.spotburst.functions.state;

/**
 * The command a FAILED node still owes Slurm (an outbox of one, on the node record): written with the FAILED state
 * and cleared only after the command was sent, so a reconcile pass that dies in between is repaired by the next
 * one. {@link #cause} names the cause the original command's deterministic id was made from, so the re-send carries
 * the same id and the FIFO queue and the agent drop a repeat.
 */
public enum SlurmNotice {
    /** Launch timed out: {@code NodeDown} with the record's reason. */
    NODE_DOWN("timeout"),
    /** Instance lost: {@code NodePowerDown POWER_DOWN_FORCE} with the record's reason. */
    POWER_DOWN_FORCE("lost");

    private final String cause;

    SlurmNotice(String cause) {
        this.cause = cause;
    }

    public String cause() {
        return cause;
    }
}
