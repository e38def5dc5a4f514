package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.model.NodeGroupId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled reconcile (EventBridge ScheduledEvent, any detail) or a direct invoke {@code {"groups":["batch-spot"]}}
 * limited to some node groups. Input is taken as a plain map so both shapes deserialize.
 */
public final class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Reconciler reconciler;
    private final ClusterConfig config;
    private final Clock clock;

    public ReconcileHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private ReconcileHandler(ControlPlane cp) {
        this(cp.reconciler, cp.config, cp.clock);
    }

    public ReconcileHandler(Reconciler reconciler, ClusterConfig config, Clock clock) {
        this.reconciler = reconciler;
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
        var actions = reconciler.run(config, only, clock.instant());
        var out = new LinkedHashMap<String, Object>();
        out.put("groups", only.isEmpty() ? "all" : only.stream().map(Object::toString).toList());
        out.put("actions", actions.size());
        return out;
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
