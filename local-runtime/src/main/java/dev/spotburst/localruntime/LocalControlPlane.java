package dev.spotburst.localruntime;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.Settings;
import dev.spotburst.functions.aws.AwsClients;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.handlers.Ec2EventHandler;
import dev.spotburst.functions.handlers.PowerSaveRequestHandler;
import dev.spotburst.functions.handlers.ReconcileHandler;
import dev.spotburst.functions.handlers.SlurmReportHandler;
import dev.spotburst.functions.handlers.WorkflowTaskHandler;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.workflow.WorkflowTasks;
import dev.spotburst.localcloud.LocalCloud;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The spotburst control plane running against a {@link LocalCloud} exactly as AWS would invoke it: the same handler
 * classes the CDK stack deploys, fed by SQS event sources with batch semantics, a reconcile schedule (with the
 * rescue step of long-hibernated nodes, as the stack's ReconcileHandler runs it), and the
 * stack's EventBridge rules on the cloud's event bus: EC2 events to {@link Ec2EventHandler} (asynchronous, retried,
 * dead-lettered) and hibernate-behaviour interruption warnings to the {@code hibernation} state machine (run by
 * {@code AslRunner}, its tasks answered by {@link WorkflowTaskHandler}). Used by {@code spotburst demo}, the
 * end-to-end suite and the benchmarks.
 */
public final class LocalControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);

    private final LocalResources resources;
    private final ControlPlane controlPlane;
    private final AwsClients clients;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final SqsEventSource requests;
    private final SqsEventSource reports;
    private final ScheduleTicker reconcile;
    private final AsyncLambdaTarget<ScheduledEvent> ec2Events;
    private final StateMachineTarget hibernationWorkflow;
    private List<String> eventRules = List.of();

    /**
     * Concurrent invocations of the requests mapping. The shim sends each node group's requests in their own FIFO
     * message group, and Lambda processes different message groups concurrently (one batch in flight per group):
     * bounded here like a mapping's maximum concurrency.
     */
    public static final int REQUEST_POLLERS = 4;

    /** Every Wait state of a workflow lasts this long locally unless the options say otherwise. */
    public static final Duration DEFAULT_WORKFLOW_WAIT = Duration.ofSeconds(1);
    /** Workflow executions running at once (each is a Node process); more queue. */
    public static final int MAX_CONCURRENT_WORKFLOWS = 6;

    /**
     * @param reconcileEvery   schedule rate (the stack uses one minute; demos and tests use seconds)
     * @param visibility       visibility timeout of the queues: how soon a failed message comes back
     * @param workflowWait     how long every Wait state of a local workflow execution lasts (the definitions' own
     *                         waits are tens of seconds; 0 would make the hibernation watchdog poll in a tight loop)
     */
    public record Options(Duration reconcileEvery, Duration visibility, Duration pollWait, Clock clock, Path configDir,
                          Duration workflowWait) {
        public Options(Duration reconcileEvery, Duration visibility, Duration pollWait, Clock clock, Path configDir) {
            this(reconcileEvery, visibility, pollWait, clock, configDir, DEFAULT_WORKFLOW_WAIT);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Clock.systemUTC(), Path.of("/nonexistent-config-dir"));
        }

        public Options withReconcileEvery(Duration d) {
            return new Options(d, visibility, pollWait, clock, configDir, workflowWait);
        }

        public Options withClock(Clock c) {
            return new Options(reconcileEvery, visibility, pollWait, c, configDir, workflowWait);
        }

        public Options withWorkflowWait(Duration d) {
            return new Options(reconcileEvery, visibility, pollWait, clock, configDir, d);
        }
    }

    private LocalControlPlane(LocalCloud cloud, ClusterConfig config, Options options) {
        this.clients = new AwsClients(cloud.ec2Endpoint(), cloud.dynamoDbEndpoint(), cloud.sqsEndpoint());
        this.resources = LocalResources.provision(config.clusterName(), clients.dynamo(), clients.sqs(),
                options.visibility());
        var settings = Settings.from(Map.of(
                Settings.CLUSTER, config.clusterName(),
                Settings.TABLE, resources.table(),
                Settings.REQUESTS_QUEUE_URL, resources.requests().url(),
                Settings.REQUESTS_DLQ_URL, resources.requestsDlq().url(),
                Settings.COMMANDS_QUEUE_URL, resources.commands().url(),
                Settings.REPORTS_QUEUE_URL, resources.reports().url(),
                Settings.CONFIG_DIR, options.configDir().toString()));
        this.controlPlane = new ControlPlane(settings, config, clients, options.clock());
        this.requests = new SqsEventSource("power-save-requests", clients.sqs(), resources.requests().url(),
                resources.requests().arn(),
                new PowerSaveRequestHandler(controlPlane.powerSaveBatch(), config, options.clock()),
                10, options.pollWait(), REQUEST_POLLERS);
        this.reports = new SqsEventSource("slurm-reports", clients.sqs(), resources.reports().url(),
                resources.reports().arn(), new SlurmReportHandler(controlPlane.store), 10, options.pollWait());
        this.reconcile = new ScheduleTicker("reconcile",
                new ReconcileHandler(controlPlane.reconciler, controlPlane.rescue, config, options.clock()));
        var cp = controlPlane;
        var ec2EventHandler = new Ec2EventHandler(new Ec2EventService(cp.store, cp.slurm, cp.reconciler, cp.hibernation,
                cp.ec2), config, options.clock());
        // EventBridge retries a failed async invoke (the stack sets 4 retries) before the target's DLQ.
        this.ec2Events = new AsyncLambdaTarget<>("ec2-events", ec2EventHandler, Ec2EventRoutes::scheduledEvent, 4, 4,
                Duration.ofMillis(200));
        var workflowTasks = new WorkflowTaskHandler(new WorkflowTasks(cp.store, cp.resume, new ReconcileExecutor(cp.store,
                cp.ec2, cp.ec2, cp.slurm, cp.resume, cp.hibernation), cp.hibernation, cp.rescue), config, options.clock());
        this.hibernationWorkflow = new StateMachineTarget(Ec2EventRoutes.HIBERNATION_WORKFLOW,
                Ec2EventRoutes.hibernationDefinition(),
                Map.of(Ec2EventRoutes.WORKFLOW_FUNCTION_ARN, Ec2EventRoutes.lambdaTask("workflow", workflowTasks)),
                Map.of("WorkflowFunctionArn", Ec2EventRoutes.WORKFLOW_FUNCTION_ARN), options.workflowWait(),
                MAX_CONCURRENT_WORKFLOWS, 1_000);
    }

    /** Provisions the cluster's table and queues in the local cloud and starts the event sources and schedule. */
    public static LocalControlPlane start(LocalCloud cloud, ClusterConfig config, Options options) {
        var cp = new LocalControlPlane(cloud, config, options);
        cp.running.add(cp.requests.start());
        cp.running.add(cp.reports.start());
        cp.running.add(cp.reconcile.start(options.reconcileEvery(), options.reconcileEvery()));
        cp.running.add(cp.ec2Events);
        cp.running.add(cp.hibernationWorkflow);
        cp.eventRules = Ec2EventRoutes.subscribe(cloud.eventBus(), config.clusterName(), cp.ec2Events,
                cp.hibernationWorkflow);
        cp.running.add(() -> cp.eventRules.forEach(cloud.eventBus()::removeRule));
        LOG.info("local control plane for cluster {} running: requests {}, commands {}", config.clusterName(),
                cp.resources.requests().url(), cp.resources.commands().url());
        return cp;
    }

    public LocalResources resources() {
        return resources;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    public AwsClients clients() {
        return clients;
    }

    /** Runs one reconcile now (what an on-demand invoke does on AWS). */
    public Map<String, Object> reconcileNow() {
        return reconcile.tick();
    }

    public long requestBatches() {
        return requests.batches();
    }

    public long handlerErrors() {
        return requests.handlerErrors() + reports.handlerErrors() + reconcile.failures() + ec2Events.deadLettered();
    }

    /** What the EC2 event rules and the hibernation workflow did so far. */
    public EventRouting eventRouting() {
        return new EventRouting(ec2Events.received(), ec2Events.succeeded(), ec2Events.retried(),
                ec2Events.deadLettered(), ec2Events.results(), hibernationWorkflow.started(),
                hibernationWorkflow.rejected(), hibernationWorkflow.inFlight(), hibernationWorkflow.executions());
    }

    /** Called (on the workflow's thread) whenever a hibernation workflow execution ends. */
    public void onWorkflowEnd(Consumer<WorkflowExecution> listener) {
        hibernationWorkflow.onEnd(listener);
    }

    /** True when no EC2 event invocation or workflow execution is queued or running. */
    public boolean eventsIdle() {
        return ec2Events.idle() && hibernationWorkflow.inFlight() == 0;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", running.get(i), e.toString());
            }
        }
        running.clear();
        // The clients are ours: an open keep-alive connection would hold up the SQS server's graceful stop.
        for (AutoCloseable client : List.<AutoCloseable>of(clients.sqs(), clients.dynamo(), clients.ec2())) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", client, e.toString());
            }
        }
    }
}
