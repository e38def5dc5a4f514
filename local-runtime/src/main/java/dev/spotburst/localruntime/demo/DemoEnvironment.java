package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.localcloud.LocalClients;
import dev.spotburst.localcloud.LocalCloud;
import dev.spotburst.localcloud.LocalCloudOptions;
import dev.spotburst.localruntime.LocalControlPlane;
import dev.spotburst.localruntime.sim.NodeIdentity;
import dev.spotburst.localruntime.sim.SimEvents;
import dev.spotburst.localruntime.sim.SimSettings;
import dev.spotburst.localruntime.sim.SimulatedSlurm;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a local run needs, started in order and closed in reverse: the local cloud (its EC2 emulator seeded
 * from the configuration), the control plane with the real handlers, an {@link SdkCallLog}, and the simulated Slurm.
 * The control plane's clients take region and credentials from the SDK's default chain, so dummy ones are set as
 * system properties for the run (restored on close): nothing here may reach a real account.
 */
public final class DemoEnvironment implements AutoCloseable {
    private static final Set<String> LIVE = Set.of("pending", "running", "stopping", "stopped");
    private static final List<String> SDK_PROPERTIES = List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey");
    private static final Duration CLOUD_CLOSE_WAIT = Duration.ofSeconds(10);

    /**
     * @param capacityPerPool free slots of every capacity pool unless a scenario changes them
     * @param bootTime        pending → running in the emulator (how long a node takes to register)
     * @param interruptionNotice Spot interruption warning → terminate/stop (two minutes on AWS)
     * @param workflowWait    how long each Wait state of a workflow execution lasts
     */
    public record Options(SimSettings sim, Duration reconcileEvery, int capacityPerPool, Duration bootTime,
                          Duration shutdownTime, Duration interruptionNotice, Duration workflowWait) {
        public Options(SimSettings sim, Duration reconcileEvery, int capacityPerPool, Duration bootTime,
                       Duration shutdownTime) {
            this(sim, reconcileEvery, capacityPerPool, bootTime, shutdownTime, Duration.ofMinutes(2),
                    LocalControlPlane.DEFAULT_WORKFLOW_WAIT);
        }
    }

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, String> savedProperties = new HashMap<>();
    private final ClusterConfig config;
    private LocalCloud cloud;
    private LocalControlPlane controlPlane;
    private SdkCallLog callLog;
    private SqsClient simSqs;
    private SimulatedSlurm sim;

    private DemoEnvironment(ClusterConfig config) {
        this.config = config;
    }

    /** Starts everything but the simulated Slurm (call {@link #startSlurm} once the scenario has set capacity). */
    public static DemoEnvironment start(ClusterConfig config, Options options, Consumer<String> ec2Timeline) {
        var env = new DemoEnvironment(config);
        try {
            env.setSdkProperties(EmulatorSeed.region(config));
            var seed = EmulatorSeed.options(config, OfflineInstanceTypeCatalog.load(), options.capacityPerPool(),
                    options.bootTime(), options.shutdownTime(), options.interruptionNotice());
            env.cloud = LocalCloud.start(LocalCloudOptions.defaults().withRegion(seed.region()).withEc2(seed));
            env.open.add(boundedClose(env.cloud, CLOUD_CLOSE_WAIT));
            env.controlPlane = LocalControlPlane.start(env.cloud, config, new LocalControlPlane.Options(
                    options.reconcileEvery(), Duration.ofSeconds(5), Duration.ofSeconds(1), Clock.systemUTC(),
                    Path.of("/nonexistent-config-dir"), options.workflowWait()));
            env.open.add(env.controlPlane);
            env.callLog = SdkCallLog.install(env.controlPlane.resources().requests().url(), ec2Timeline);
            env.open.add(env.callLog);
            env.simSqs = LocalClients.sqs(env.cloud);
            env.open.add(env.simSqs);
            env.pendingSim = options.sim();
            return env;
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private SimSettings pendingSim;

    public SimulatedSlurm startSlurm(SimEvents events) {
        if (sim != null) {
            throw new IllegalStateException("simulated Slurm already started");
        }
        var r = controlPlane.resources();
        sim = SimulatedSlurm.start(config, pendingSim, simSqs,
                new SimulatedSlurm.Queues(r.requests().url(), r.commands().url(), r.reports().url()),
                emulator().control()::instances, nodeIdentity(), Clock.systemUTC(), events);
        open.add(sim);
        return sim;
    }

    public ClusterConfig config() {
        return config;
    }

    private NodeIdentity identity;

    /** How compute nodes (and the demo's reports) learn an instance's node: Name tag, else its launch record. */
    public synchronized NodeIdentity nodeIdentity() {
        if (identity == null) {
            var dynamo = LocalClients.dynamoDb(cloud);
            open.add(dynamo);
            identity = new NodeIdentity(dynamo, controlPlane.resources().table());
        }
        return identity;
    }

    /** Instance id → node name for these instances (those naming a node). */
    public Map<String, String> nodeNames(List<InstanceView> instances) {
        var tags = new java.util.HashMap<String, Map<String, String>>();
        instances.forEach(i -> tags.put(i.instanceId(), i.tags()));
        return nodeIdentity().names(tags);
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public LocalControlPlane controlPlane() {
        return controlPlane;
    }

    public Ec2Emulator emulator() {
        return cloud.ec2Emulator().orElseThrow();
    }

    public SdkCallLog callLog() {
        return callLog;
    }

    public SimulatedSlurm sim() {
        return sim;
    }

    public List<InstanceView> liveInstances() {
        return emulator().control().instances().stream().filter(i -> LIVE.contains(i.state())).toList();
    }

    /** Live instances that no node record owns (the orphan count of the summary). */
    public List<String> orphans() {
        var owned = new HashSet<String>();
        config.nodeGroups().forEach(g -> controlPlane.controlPlane().store.nodes(g.id()).forEach(r -> {
            if (r.instanceId() != null) {
                owned.add(r.instanceId());
            }
        }));
        return liveInstances().stream().map(InstanceView::instanceId).filter(id -> !owned.contains(id)).sorted().toList();
    }

    /**
     * Closes {@code c} on its own thread and waits at most {@code wait}. ElasticMQ's graceful stop sometimes waits out
     * its one-minute hard deadline for a request it still counts as in flight after every client here is closed;
     * a demo must not hang on that. The stop goes on in the background (daemon thread; the CLI exits anyway).
     */
    static AutoCloseable boundedClose(AutoCloseable c, Duration wait) {
        return () -> {
            var stopping = Thread.ofPlatform().daemon().name("closing-" + c.getClass().getSimpleName()).start(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c.getClass().getSimpleName() + " failed: " + e);
                }
            });
            if (!stopping.join(wait)) {
                System.err.println(c.getClass().getSimpleName() + " still stopping after " + wait.toSeconds()
                        + " s; not waiting for it");
            }
        };
    }

    private void setSdkProperties(String region) {
        for (var k : SDK_PROPERTIES) {
            savedProperties.put(k, System.getProperty(k));
        }
        System.setProperty("aws.region", region);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            long t0 = System.nanoTime();
            try {
                open.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + open.get(i).getClass().getSimpleName() + " failed: " + e);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 2_000) {
                System.err.println("closing " + open.get(i).getClass().getSimpleName() + " took " + ms + " ms");
            }
        }
        open.clear();
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
