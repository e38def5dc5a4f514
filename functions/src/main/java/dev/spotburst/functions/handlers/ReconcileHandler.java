package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;
import dev.spotburst.functions.reconcile.ReconcileAction;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.rescue.RescueOutcome;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.model.NodeGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Scheduled reconcile (EventBridge ScheduledEvent, any detail) or a direct invoke {@code {"groups":["batch-spot"]}}
 * limited to some node groups. Input is taken as a plain map so both shapes deserialize. After the reconcile, the
 * rescue of long-hibernated nodes advances one step per due node (bounded, never waits; docs/rescue.md).
 */
public final class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger log = LoggerFactory.getLogger(ReconcileHandler.class);
    private final Reconciler reconciler;
    private final RescueService rescue;
    private final ClusterConfig config;
    private final Clock clock;
    private final ControlPlaneMetrics metrics;

    public ReconcileHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private ReconcileHandler(ControlPlane cp) {
        this(cp.reconciler, cp.rescue, cp.config, cp.clock, cp.metrics);
    }

    /** Reconcile only, no rescue (callers that do not wire EC2 for it). */
    public ReconcileHandler(Reconciler reconciler, ClusterConfig config, Clock clock) {
        this(reconciler, null, config, clock);
    }

    /** @param rescue null: no rescue step after the reconcile */
    public ReconcileHandler(Reconciler reconciler, RescueService rescue, ClusterConfig config, Clock clock) {
        this(reconciler, rescue, config, clock, ControlPlaneMetrics.NONE);
    }

    /** @param metrics written once at the end of each invocation */
    public ReconcileHandler(Reconciler reconciler, RescueService rescue, ClusterConfig config, Clock clock,
                            ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.reconciler = reconciler;
        this.rescue = rescue;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Invocation.run(context, metrics, () -> reconcile(input));
    }

    private Map<String, Object> reconcile(Map<String, Object> input) {
        List<NodeGroupId> only = groups(input);
        for (var g : only) {
            if (config.nodeGroup(g).isEmpty()) {
                throw new IllegalArgumentException("field 'groups' names unknown node group '" + g + "'");
            }
        }
        var now = clock.instant();
        long started = System.nanoTime();
        var actions = reconciler.run(config, only, now);
        var byKind = countByKind(actions);
        metrics.record(new ControlPlaneMetric.ReconcileRun(Duration.ofNanos(System.nanoTime() - started), byKind));
        if (only.isEmpty()) {
            // Only a full pass looks for orphans; zero is recorded too, so the graph shows the sweep ran.
            metrics.record(new ControlPlaneMetric.OrphansFound(orphans(actions)));
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("groups", only.isEmpty() ? "all" : only.stream().map(Object::toString).toList());
        out.put("actions", actions.size());
        if (rescue != null) {
            var rescues = new TreeMap<String, Integer>();
            rescue.rescueDue(config, only, now).forEach(o -> rescues.merge(kind(o), 1, Integer::sum));
            out.put("rescues", rescues);
        }
        log.info("reconcile done: {} {} {}", entry("groups", out.get("groups")), entry("actions", byKind),
                entry("rescues", out.getOrDefault("rescues", Map.of())));
        return out;
    }

    static Map<String, Integer> countByKind(List<ReconcileAction> actions) {
        var m = new TreeMap<String, Integer>();
        actions.forEach(a -> m.merge(a.getClass().getSimpleName(), 1, Integer::sum));
        return m;
    }

    static int orphans(List<ReconcileAction> actions) {
        return actions.stream().mapToInt(a -> a instanceof ReconcileAction.Sweep s
                ? s.instanceIds().size() + s.spotRequestIds().size() : 0).sum();
    }

    static String kind(RescueOutcome o) {
        return switch (o) {
            case RescueOutcome.Rescued r -> "rescued";
            case RescueOutcome.Failed f -> "failed";
            case RescueOutcome.InProgress p -> "inProgress";
            case RescueOutcome.Skipped s -> "skipped";
        };
    }

    static List<NodeGroupId> groups(Map<String, Object> input) {
        Object g = input == null ? null : input.get("groups");
        if (g == null) {
            return List.of();
        }
        if (!(g instanceof List<?> list)) {
            throw new IllegalArgumentException("field 'groups' must be a list of \"<partition>-<nodegroup>\", got " + g);
        }
        return list.stream().map(o -> NodeGroupId.parse(String.valueOf(o))).toList();
    }
}
