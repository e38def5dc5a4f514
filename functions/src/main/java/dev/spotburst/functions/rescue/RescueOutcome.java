package dev.spotburst.functions.rescue;

import dev.spotburst.model.NodeName;

/** How one node's rescue ended. */
public sealed interface RescueOutcome {

    NodeName node();

    /** The node now runs on {@code instanceId} (On-Demand), resumed from its hibernation image. */
    record Rescued(NodeName node, String fromInstanceId, String instanceId, String privateIp, boolean addressChanged)
            implements RescueOutcome {
    }

    /** Rescue impossible: the node is FAILED, Slurm told DOWN (its jobs requeue), every instance cleaned up. */
    record Failed(NodeName node, String code, String reason) implements RescueOutcome {
    }

    /**
     * Step mode: the rescue advanced as far as EC2 allows now and waits for {@code waitingFor} (an instance or volume
     * transition), or another invocation holds the node's rescue lease. The next invocation continues.
     */
    record InProgress(NodeName node, String waitingFor) implements RescueOutcome {
    }

    /** Nothing done: the node moved on (Spot capacity came back, suspended, already rescued…). */
    record Skipped(NodeName node, String why) implements RescueOutcome {
    }
}
