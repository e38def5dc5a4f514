package dev.spotburst.functions.reconcile;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeNameTags;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.InterruptionBehavior;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a LAUNCHED node needs once its instance is running, decided from that node and instance alone: its address
 * (and, where expected, its node tag). Pure. Loss, timeouts and registration are left to the full pass: one
 * DescribeInstances that has not caught up with a fresh launch must not read as a lost instance, and only the pass
 * has Slurm's view.
 */
public final class InstanceRunningPlan {
    /** No Slurm view and no timeouts: only the instance's own facts can decide anything here. */
    private static final NodeClassifier.Policy INSTANCE_ONLY = new NodeClassifier.Policy(Duration.ZERO,
            Duration.ofDays(3650), Duration.ofDays(3650), Duration.ZERO, false);

    private InstanceRunningPlan() {
    }

    public static List<ReconcileAction> plan(NodeRecord rec, Optional<InstanceView> instance, NodeGroupConfig group,
                                             NodeNameTags nodeNameTags, Instant now) {
        if (instance.isEmpty() || instance.get().gone()) {
            return List.of();
        }
        var status = NodeClassifier.classify(rec, instance, Optional.empty(), Optional.empty(), false,
                group.interruptionBehavior() == InterruptionBehavior.HIBERNATE, true,
                LaunchTags.nodeTagExpected(group, nodeNameTags), INSTANCE_ONLY, now);
        return switch (status) {
            case ADDRESS_CHANGED -> List.of(new ReconcileAction.Rebind(rec, instance.get()));
            case MISSING_NODE_TAG -> List.of(new ReconcileAction.TagInstance(rec));
            case HIBERNATION_CHANGED -> List.of(new ReconcileAction.ObserveHibernation(rec));
            default -> List.of();
        };
    }
}
