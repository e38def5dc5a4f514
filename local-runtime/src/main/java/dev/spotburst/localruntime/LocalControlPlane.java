package dev.spotburst.localruntime;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.Settings;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.handlers.PowerSaveRequestHandler;
import dev.spotburst.functions.handlers.ReconcileHandler;
import dev.spotburst.functions.handlers.SlurmReportHandler;
import dev.spotburst.localcloud.LocalCloud;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spotburst control plane running against a {@link LocalCloud} exactly as AWS would invoke it: the same handler
 * classes the CDK stack deploys, fed by SQS event sources with batch semantics and a reconcile schedule. Used by
 * {@code spotburst demo}, the end-to-end suite and the benchmarks.
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

    /**
     * @param reconcileEvery   schedule rate (the stack uses one minute; demos and tests use seconds)
     * @param visibility       visibility timeout of the queues: how soon a failed message comes back
     */
    public record Options(Duration reconcileEvery, Duration visibility, Duration pollWait, Clock clock, Path configDir) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Clock.systemUTC(), Path.of("/nonexistent-config-dir"));
        }

        public Options withReconcileEvery(Duration d) {
            return new Options(d, visibility, pollWait, clock, configDir);
        }

        public Options withClock(Clock c) {
            return new Options(reconcileEvery, visibility, pollWait, c, configDir);
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
                10, options.pollWait());
        this.reports = new SqsEventSource("slurm-reports", clients.sqs(), resources.reports().url(),
                resources.reports().arn(), new SlurmReportHandler(controlPlane.store), 10, options.pollWait());
        this.reconcile = new ScheduleTicker("reconcile",
                new ReconcileHandler(controlPlane.reconciler, config, options.clock()));
    }

    /** Provisions the cluster's table and queues in the local cloud and starts the event sources and schedule. */
    public static LocalControlPlane start(LocalCloud cloud, ClusterConfig config, Options options) {
        var cp = new LocalControlPlane(cloud, config, options);
        cp.running.add(cp.requests.start());
        cp.running.add(cp.reports.start());
        cp.running.add(cp.reconcile.start(options.reconcileEvery(), options.reconcileEvery()));
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
        return requests.handlerErrors() + reports.handlerErrors() + reconcile.failures();
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
    }
}
