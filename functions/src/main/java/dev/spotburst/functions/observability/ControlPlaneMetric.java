package dev.spotburst.functions.observability;

import dev.spotburst.model.Market;

import java.time.Duration;
import java.util.Map;

/**
 * What the control plane counts, as values: the code that knows a fact records one of these, and
 * {@link MetricData} turns it into CloudWatch metrics (names from {@link dev.spotburst.model.MetricNames}).
 */
public sealed interface ControlPlaneMetric {

    /** Nodes in ResumeProgram requests of one batch. */
    record ResumesRequested(int nodes) implements ControlPlaneMetric {
    }

    /** One launch call's result: instances EC2 returned, in which market, through which API. */
    record InstancesLaunched(Market market, LaunchApi api, int instances) implements ControlPlaneMetric {
    }

    /** Nodes whose resume failed and that were sent DOWN with the reason. */
    record LaunchFailures(int nodes) implements ControlPlaneMetric {
    }

    /** One error EC2 reported for one pool of a launch call; capacity codes and others are kept apart. */
    record LaunchErrorCode(String code, boolean capacity) implements ControlPlaneMetric {
    }

    /** Nodes of a Spot group for which On-Demand was asked. */
    record OnDemandFallback(int nodes) implements ControlPlaneMetric {
    }

    /** Nodes a command told Slurm to set DOWN. */
    record NodesDown(int nodes) implements ControlPlaneMetric {
    }

    record Interruption() implements ControlPlaneMetric {
    }

    record RebalanceRecommendation() implements ControlPlaneMetric {
    }

    record HibernationStarted() implements ControlPlaneMetric {
    }

    record HibernationSurvived() implements ControlPlaneMetric {
    }

    record HibernationLost() implements ControlPlaneMetric {
    }

    record RescueDone() implements ControlPlaneMetric {
    }

    record RescueFailed() implements ControlPlaneMetric {
    }

    /** Instances plus Spot requests past the orphan grace that no node owns. */
    record OrphansFound(int count) implements ControlPlaneMetric {
    }

    record OrphansSwept(int count) implements ControlPlaneMetric {
    }

    /** One reconcile pass: how long it took and the actions it planned, by kind. */
    record ReconcileRun(Duration took, Map<String, Integer> actionsByKind) implements ControlPlaneMetric {
        public ReconcileRun {
            actionsByKind = Map.copyOf(actionsByKind);
        }
    }

    record StuckNodeRepairs(int nodes) implements ControlPlaneMetric {
    }

    /** A request message parked in the dead-letter queue. */
    record PoisonMessage() implements ControlPlaneMetric {
    }

    /** The EC2 API a launch went through. */
    enum LaunchApi {
        FLEET("fleet"), RUN_INSTANCES("run-instances");

        private final String wire;

        LaunchApi(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
