package dev.spotburst.functions;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.EmfMetrics;
import dev.spotburst.functions.observability.MeteredDeadLetters;
import dev.spotburst.functions.observability.MeteredLaunchCapacity;
import dev.spotburst.functions.observability.MeteredSlurmCommands;
import dev.spotburst.functions.requests.DeadLetters;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.requests.PowerSaveBatch;
import dev.spotburst.functions.rescue.RescuePolling;
import dev.spotburst.functions.rescue.RescueRecords;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.functions.rescue.RescueWorkflow;
import dev.spotburst.functions.rescue.aws.Ec2RescueAdapter;
import dev.spotburst.functions.sqs.SqsDeadLetters;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.sqs.SqsSlurmCommands;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.state.dynamo.DynamoStateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;

import java.time.Clock;

/**
 * Composition root: wires the ports to their AWS adapters from {@link Settings}. Handlers' no-arg constructors
 * use it; tests build the services from fakes or local servers instead.
 */
public final class ControlPlane {
    public final Settings settings;
    public final ClusterConfig config;
    public final StateStore store;
    public final Ec2Gateway ec2;
    /** The commands queue, metered (nodes sent DOWN). */
    public final SlurmCommands slurm;
    public final ResumeService resume;
    public final SuspendService suspend;
    public final DeadLetters deadLetters;
    public final Reconciler reconciler;
    public final HibernationService hibernation;
    /** Rescue of long-hibernated nodes in step mode (docs/rescue.md): the reconcile tick and the workflow drive it. */
    public final RescueService rescue;
    public final Clock clock;
    /** Recorded by the services, written once per invocation by the handlers. */
    public final ControlPlaneMetrics metrics;
    /** {@link #ec2} as the launch port, metered (launches by market and API, error codes, fallbacks). */
    private final MeteredLaunchCapacity capacity;

    /** Without metrics (local tools off Lambda, where EMF would probe for an agent). */
    public ControlPlane(Settings settings, ClusterConfig config, AwsClients clients, Clock clock) {
        this(settings, config, clients, clock, ControlPlaneMetrics.NONE);
    }

    public ControlPlane(Settings settings, ClusterConfig config, AwsClients clients, Clock clock,
                        ControlPlaneMetrics metrics) {
        if (!config.clusterName().equals(settings.cluster())) {
            throw new IllegalStateException(Settings.CLUSTER + " is '" + settings.cluster()
                    + "' but config.json's Spotburst.ClusterName is '" + config.clusterName() + "'");
        }
        this.settings = settings;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.store = new DynamoStateStore(clients.dynamo(), settings.table());
        this.ec2 = new Ec2Gateway(clients.ec2(), ThrottleRetry.standard());
        this.slurm = new MeteredSlurmCommands(new SqsSlurmCommands(clients.sqs(), settings.commandsQueueUrl(),
                settings.cluster()), metrics);
        this.capacity = new MeteredLaunchCapacity(ec2, config, metrics);
        this.resume = new ResumeService(store, capacity, ec2, slurm);
        this.suspend = new SuspendService(store, ec2);
        this.deadLetters = new MeteredDeadLetters(new SqsDeadLetters(clients.sqs(), settings.requestsDlqUrl(),
                settings.cluster()), metrics);
        this.hibernation = new HibernationService(store, ec2, slurm, metrics);
        this.rescue = new RescueService(store, new RescueWorkflow(store,
                new Ec2RescueAdapter(clients.ec2(), ThrottleRetry.standard()), new RescueRecords(store, slurm, settings.cluster()),
                RescuePolling.stepwise(RescuePolling.STEP_BUDGET)), RescueService.DEFAULT_MAX_PER_RUN, metrics);
        this.reconciler = new Reconciler(store, ec2, reconcileExecutor());
    }

    /** From the Lambda environment: settings, the two config files, default clients. */
    public static ControlPlane fromEnvironment() {
        var settings = Settings.fromEnvironment();
        var config = config(settings);
        return new ControlPlane(settings, config, new AwsClients(), Clock.systemUTC(),
                EmfMetrics.fromEnvironment(settings.cluster()));
    }

    /** The cluster of the config layer's two files, as every handler reads it. */
    public static ClusterConfig config(Settings settings) {
        return ConfigLoader.load(settings.configDir().resolve("partitions.json"),
                settings.configDir().resolve("config.json"), OfflineInstanceTypeCatalog.load()).config();
    }

    /** Performs reconcile actions (the reconciler's, and the launch workflow's checks) with this plane's ports. */
    public ReconcileExecutor reconcileExecutor() {
        return new ReconcileExecutor(store, capacity, ec2, slurm, resume, hibernation, metrics);
    }

    public PowerSaveBatch powerSaveBatch() {
        return new PowerSaveBatch(store, resume, suspend, deadLetters, metrics);
    }
}
