package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.spotburst.functions.workflow.WorkflowTasks;

import java.time.Clock;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** Step Functions Lambda tasks; the payload's {@code task} field picks one of {@link WorkflowTasks}. */
public final class WorkflowTaskHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger log = LoggerFactory.getLogger(WorkflowTaskHandler.class);
    private final WorkflowTasks tasks;
    private final ClusterConfig config;
    private final Clock clock;
    private final ControlPlaneMetrics metrics;

    public WorkflowTaskHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private WorkflowTaskHandler(ControlPlane cp) {
        this(new WorkflowTasks(cp.store, cp.resume, cp.reconcileExecutor(), cp.hibernation, cp.rescue), cp.config, cp.clock,
                cp.metrics);
    }

    public WorkflowTaskHandler(WorkflowTasks tasks, ClusterConfig config, Clock clock) {
        this(tasks, config, clock, ControlPlaneMetrics.NONE);
    }

    /** @param metrics what the tasks' services record into; written once at the end of each invocation */
    public WorkflowTaskHandler(WorkflowTasks tasks, ClusterConfig config, Clock clock, ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.tasks = tasks;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Invocation.run(context, metrics, () -> {
            var out = tasks.run(config, input, clock.instant());
            if ("launch".equals(input.get("task")) && out.get("failed") instanceof Integer failed && failed > 0) {
                metrics.record(new ControlPlaneMetric.LaunchFailures(failed));
            }
            log.info("workflow task {} done: {} {}", input.get("task"), entry("input", input), entry("output", out));
            return out;
        });
    }
}
