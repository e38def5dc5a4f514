package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.rescue.RescueOutcome;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.model.NodeGroupId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scheduled reconcile (EventBridge ScheduledEvent, any detail) or a direct invoke {@code {"groups":["batch-spot"]}}
 * limited to some node groups. Input is taken as a plain map so both shapes deserialize. After the reconcile, the
 * rescue of long-hibernated nodes advances one step per due node (bounded, never waits; docs/rescue.md).
 */
public final class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Reconciler reconciler;
    private final RescueService rescue;
    private final ClusterConfig config;
    private final Clock clock;

    public ReconcileHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private ReconcileHandler(ControlPlane cp) {
        this(cp.reconciler, cp.rescue, cp.config, cp.clock);
    }

    /** Reconcile only, no rescue (callers that do not wire EC2 for it). */
    public ReconcileHandler(Reconciler reconciler, ClusterConfig config, Clock clock) {
        this(reconciler, null, config, clock);
    }

    /** @param rescue null: no rescue step after the reconcile */
    public ReconcileHandler(Reconciler reconciler, RescueService rescue, ClusterConfig config, Clock clock) {
        this.reconciler = reconciler;
        this.rescue = rescue;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        List<NodeGroupId> only = groups(input);
        for (var g : only) {
            if (config.nodeGroup(g).isEmpty()) {
                throw new IllegalArgumentException("field 'groups' names unknown node group '" + g + "'");
            }
        }
        var now = clock.instant();
        var actions = reconciler.run(config, only, now);
        var out = new LinkedHashMap<String, Object>();
        out.put("groups", only.isEmpty() ? "all" : only.stream().map(Object::toString).toList());
        out.put("actions", actions.size());
        if (rescue != null) {
            var byKind = new TreeMap<String, Integer>();
            rescue.rescueDue(config, only, now).forEach(o -> byKind.merge(kind(o), 1, Integer::sum));
            out.put("rescues", byKind);
        }
        return out;
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
