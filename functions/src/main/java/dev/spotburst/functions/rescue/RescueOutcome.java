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

    /** Nothing done: the node moved on (Spot capacity came back, suspended, already rescued…). */
    record Skipped(NodeName node, String why) implements RescueOutcome {
    }
}
