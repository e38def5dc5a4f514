package dev.spotburst.functions;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.ec2.Ec2Gateway;
import dev.spotburst.functions.hibernation.HibernationService;
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
    public final SqsSlurmCommands slurm;
    public final ResumeService resume;
    public final SuspendService suspend;
    public final SqsDeadLetters deadLetters;
    public final Reconciler reconciler;
    public final HibernationService hibernation;
    /** Rescue of long-hibernated nodes in step mode (docs/rescue.md): the reconcile tick and the workflow drive it. */
    public final RescueService rescue;
    public final Clock clock;

    public ControlPlane(Settings settings, ClusterConfig config, AwsClients clients, Clock clock) {
        if (!config.clusterName().equals(settings.cluster())) {
            throw new IllegalStateException(Settings.CLUSTER + " is '" + settings.cluster()
                    + "' but config.json's Spotburst.ClusterName is '" + config.clusterName() + "'");
        }
        this.settings = settings;
        this.config = config;
        this.clock = clock;
        this.store = new DynamoStateStore(clients.dynamo(), settings.table());
        this.ec2 = new Ec2Gateway(clients.ec2(), ThrottleRetry.standard());
        this.slurm = new SqsSlurmCommands(clients.sqs(), settings.commandsQueueUrl(), settings.cluster());
        this.resume = new ResumeService(store, ec2, ec2, slurm);
        this.suspend = new SuspendService(store, ec2);
        this.deadLetters = new SqsDeadLetters(clients.sqs(), settings.requestsDlqUrl(), settings.cluster());
        this.hibernation = new HibernationService(store, ec2, slurm);
        this.rescue = new RescueService(store, new RescueWorkflow(store,
                new Ec2RescueAdapter(clients.ec2(), ThrottleRetry.standard()), new RescueRecords(store, slurm, settings.cluster()),
                RescuePolling.stepwise(RescuePolling.STEP_BUDGET)), RescueService.DEFAULT_MAX_PER_RUN);
        this.reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume, hibernation));
    }

    /** From the Lambda environment: settings, the two config files, default clients. */
    public static ControlPlane fromEnvironment() {
        var settings = Settings.fromEnvironment();
        var config = ConfigLoader.load(settings.configDir().resolve("partitions.json"),
                settings.configDir().resolve("config.json"), OfflineInstanceTypeCatalog.load()).config();
        return new ControlPlane(settings, config, new AwsClients(), Clock.systemUTC());
    }

    public PowerSaveBatch powerSaveBatch() {
        return new PowerSaveBatch(store, resume, suspend, deadLetters);
    }
}
