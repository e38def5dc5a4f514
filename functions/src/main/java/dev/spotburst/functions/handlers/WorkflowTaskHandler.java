package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.workflow.WorkflowTasks;

import java.time.Clock;
import java.util.Map;

/** Step Functions Lambda tasks; the payload's {@code task} field picks one of {@link WorkflowTasks}. */
public final class WorkflowTaskHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final WorkflowTasks tasks;
    private final ClusterConfig config;
    private final Clock clock;

    public WorkflowTaskHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private WorkflowTaskHandler(ControlPlane cp) {
        this(new WorkflowTasks(cp.store, cp.resume, new ReconcileExecutor(cp.store, cp.ec2, cp.ec2, cp.slurm, cp.resume,
                cp.hibernation), cp.hibernation, cp.rescue), cp.config, cp.clock);
    }

    public WorkflowTaskHandler(WorkflowTasks tasks, ClusterConfig config, Clock clock) {
        this.tasks = tasks;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return tasks.run(config, input, clock.instant());
    }
}
