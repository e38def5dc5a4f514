package dev.spotburst.functions.observability;

import dev.spotburst.model.MetricNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps each {@link ControlPlaneMetric} to its CloudWatch data points. Pure. Metrics the CDK alarms or graphs by
 * {@code Service} alone get no extra dimension (a metric with another dimension set is a different CloudWatch
 * metric, which the alarm would never see); breakdowns (market, API, error code, action kind) only go on metrics
 * nobody queries by {@code Service} alone.
 */
public final class MetricData {
    private MetricData() {
    }

    public static List<MetricDatum> of(ControlPlaneMetric metric) {
        return switch (metric) {
            case ControlPlaneMetric.ResumesRequested r -> List.of(MetricDatum.count(MetricNames.RESUMES_REQUESTED, r.nodes()));
            case ControlPlaneMetric.InstancesLaunched l -> List.of(new MetricDatum(MetricNames.INSTANCES_LAUNCHED,
                    l.instances(), MetricDatum.Unit.COUNT, Map.of(MetricNames.DIMENSION_MARKET, l.market().wire(),
                    MetricNames.DIMENSION_API, l.api().wire())));
            case ControlPlaneMetric.LaunchFailures f -> List.of(MetricDatum.count(MetricNames.LAUNCH_FAILURES, f.nodes()));
            case ControlPlaneMetric.LaunchErrorCode e -> List.of(new MetricDatum(
                    e.capacity() ? MetricNames.CAPACITY_ERRORS : MetricNames.LAUNCH_ERRORS, 1, MetricDatum.Unit.COUNT,
                    Map.of(MetricNames.DIMENSION_ERROR_CODE, e.code() == null || e.code().isBlank() ? "Unknown" : e.code())));
            case ControlPlaneMetric.OnDemandFallback f -> List.of(MetricDatum.count(MetricNames.ON_DEMAND_FALLBACKS, f.nodes()));
            case ControlPlaneMetric.NodesDown d -> List.of(MetricDatum.count(MetricNames.NODES_DOWN, d.nodes()));
            case ControlPlaneMetric.Interruption i -> List.of(MetricDatum.count(MetricNames.INTERRUPTIONS, 1));
            case ControlPlaneMetric.RebalanceRecommendation r ->
                    List.of(MetricDatum.count(MetricNames.REBALANCE_RECOMMENDATIONS, 1));
            case ControlPlaneMetric.HibernationStarted h -> List.of(MetricDatum.count(MetricNames.HIBERNATIONS_STARTED, 1));
            case ControlPlaneMetric.HibernationSurvived h -> List.of(MetricDatum.count(MetricNames.HIBERNATIONS_SURVIVED, 1));
            case ControlPlaneMetric.HibernationLost h -> List.of(MetricDatum.count(MetricNames.HIBERNATIONS_LOST, 1));
            case ControlPlaneMetric.RescueDone r -> List.of(MetricDatum.count(MetricNames.RESCUES_DONE, 1));
            case ControlPlaneMetric.RescueFailed r -> List.of(MetricDatum.count(MetricNames.RESCUES_FAILED, 1));
            case ControlPlaneMetric.OrphansFound o -> List.of(MetricDatum.count(MetricNames.ORPHANS_FOUND, o.count()));
            case ControlPlaneMetric.OrphansSwept o -> List.of(MetricDatum.count(MetricNames.ORPHANS_SWEPT, o.count()));
            case ControlPlaneMetric.ReconcileRun r -> {
                var out = new ArrayList<MetricDatum>();
                out.add(new MetricDatum(MetricNames.RECONCILE_DURATION, r.took().toMillis(), MetricDatum.Unit.MILLISECONDS,
                        Map.of()));
                new TreeMap<>(r.actionsByKind()).forEach((kind, n) -> out.add(new MetricDatum(MetricNames.RECONCILE_ACTIONS,
                        n, MetricDatum.Unit.COUNT, Map.of(MetricNames.DIMENSION_KIND, kind))));
                yield List.copyOf(out);
            }
            case ControlPlaneMetric.StuckNodeRepairs s -> List.of(MetricDatum.count(MetricNames.STUCK_NODE_REPAIRS, s.nodes()));
            case ControlPlaneMetric.PoisonMessage p -> List.of(MetricDatum.count(MetricNames.POISON_MESSAGES, 1));
        };
    }
}
