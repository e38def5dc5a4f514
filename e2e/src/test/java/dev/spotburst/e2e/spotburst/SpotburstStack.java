package dev.spotburst.e2e.spotburst;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.e2e.ClusterSpec;
import dev.spotburst.e2e.E2eNetwork;
import dev.spotburst.e2e.SlurmCluster;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.EmulatorClock;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.localcloud.LocalCloud;
import dev.spotburst.localcloud.LocalCloudOptions;
import dev.spotburst.localruntime.LocalControlPlane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole system under test, for one test class, started in dependency order and closed in reverse (also when
 * start-up fails half-way): the local cloud (EC2 emulator on the wall clock, DynamoDB Local, ElasticMQ, all on the
 * namespace's 127.0.0.1), the control plane (the real Lambda handlers: SQS event sources, reconcile every 5 s, an
 * EC2-events rule), the real Slurm cluster whose power-save programs are spotburst's shims, the head-node agent,
 * and the bridge that turns emulator instances into slurmd namespaces.
 */
final class SpotburstStack implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String AZ = "us-east-1a";
    static final String SUBNET = "subnet-0e2e0001";
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(5);
    /** Slurm's ResumeTimeout (config.json says 25 s: the control plane times out its own launches sooner). */
    static final int SLURM_RESUME_TIMEOUT = 90;
    private static final Set<String> LIVE = Set.of("pending", "running", "stopping", "stopped");

    final Path dir;
    final ClusterConfig config;
    LocalCloud cloud;
    LocalControlPlane controlPlane;
    HeadNode headNode;
    SlurmCluster cluster;
    InstanceEventBridge instanceEvents;
    ControlPlaneEc2Events ec2Events;
    private Process agent;
    private int agentGeneration;
    private final List<AutoCloseable> open = new ArrayList<>();

    private SpotburstStack(Path dir, ClusterConfig config) {
        this.dir = dir;
        this.config = config;
    }

    static SpotburstStack start() {
        var root = Path.of(System.getProperty("e2e.scratchRoot", "target")).toAbsolutePath();
        var stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var dir = root.resolve("e2e-spotburst-" + stamp);
        var stack = new SpotburstStack(dir, E2eConfig.install(dir.resolve("config")));
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            try {
                stack.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withRegion(REGION).withEc2(emulatorOptions()));
        open.add(cloud);
        controlPlane = LocalControlPlane.start(cloud, config, new LocalControlPlane.Options(RECONCILE_EVERY,
                Duration.ofSeconds(5), Duration.ofSeconds(1), Clock.systemUTC(), dir.resolve("config")));
        open.add(controlPlane);
        headNode = HeadNode.install(dir.resolve("head-node"), Path.of(System.getProperty("e2e.shimLauncher",
                        "../slurm-shims/src/main/resources/bin/spotburst-shim")).toAbsolutePath().normalize(),
                Path.of(System.getProperty("e2e.shimJar", "../slurm-shims/target/spotburst-shims.jar"))
                        .toAbsolutePath().normalize(), REGION, cloud.sqsEndpoint().toString());
        var parked = new LinkedHashMap<String, String>();
        E2eConfig.nodeNames(config).forEach(n -> parked.put(n, E2eNetwork.CONTROLLER_IP));
        var spec = new ClusterSpec(E2eConfig.nodeAndPartitionLines(config), parked,
                headNode.wrapper("spotburst-resume"), headNode.wrapper("spotburst-suspend"),
                headNode.wrapper("spotburst-resume-fail"), 0, 10, 5, SLURM_RESUME_TIMEOUT, 10);
        cluster = SlurmCluster.start(spec);
        open.add(cluster);
        headNode.writeSettings(config.clusterName(), REGION, controlPlane.resources(), cluster.slurmConf());
        instanceEvents = new InstanceEventBridge(emulator().control(), cluster.instances(), cluster.hosts(),
                cluster.timeline()).subscribe(cloud.eventBus());
        open.add(instanceEvents);
        ec2Events = new ControlPlaneEc2Events(controlPlane.controlPlane(), config, cluster.timeline())
                .subscribe(cloud.eventBus());
        open.add(ec2Events);
        startAgent();
        cluster.timeline().mark(String.format(java.util.Locale.ROOT, "spotburst stack up in %.1f s (cloud %d ms; "
                + "scratch %s)", (System.nanoTime() - t0) / 1e9, cloud.startupTime().toMillis(), dir));
    }

    private static Ec2EmulatorOptions emulatorOptions() {
        return Ec2EmulatorOptions.builder().region(REGION).clock(EmulatorClock.system())
                .availabilityZones(List.of(AZ, "us-east-1b", "us-east-1c"))
                // The bridge's subnet: instance private IPs (.4 up) are reachable from slurmctld on br-sb.
                .subnet(SubnetSpec.of(SUBNET, AZ, E2eNetwork.SUBNET_PREFIX + "0/" + E2eNetwork.PREFIX_LENGTH))
                .pendingToRunning(Duration.ofSeconds(1)).shuttingDownToTerminated(Duration.ofSeconds(1))
                .stoppingToStopped(Duration.ofSeconds(2)).interruptionNotice(Duration.ofSeconds(20))
                .defaultCapacityPerPool(20)
                .launchTemplate(new LaunchTemplateSpec("lt-0e2e0000000000001", "e2e-spot", "ami-0e2e000000000001",
                        "c5.large", false, Map.of()))
                .launchTemplate(new LaunchTemplateSpec("lt-0e2e0000000000002", "e2e-od", "ami-0e2e000000000001",
                        "m5.large", false, Map.of()))
                .launchTemplate(new LaunchTemplateSpec("lt-0e2e0000000000003", "e2e-hib", "ami-0e2e000000000001",
                        "m6i.large", true, Map.of()))
                .build();
    }

    Ec2Emulator emulator() {
        return cloud.ec2Emulator().orElseThrow();
    }

    /** Instances that are not (being) terminated. */
    List<InstanceView> liveInstances() {
        return emulator().control().instances().stream().filter(i -> LIVE.contains(i.state())).toList();
    }

    // ---- the head-node agent ---------------------------------------------------------------------------------

    synchronized void startAgent() {
        agentGeneration++;
        agent = headNode.startAgent(cluster.slurmConf(), agentGeneration);
        cluster.timeline().mark("agent #" + agentGeneration + " started (pid " + agent.pid() + ")");
    }

    /** SIGKILL: a head-node crash, no shutdown hook, no chance to finish the command in hand. */
    synchronized void killAgent() {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
            try {
                agent.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cluster.timeline().mark("agent #" + agentGeneration + " killed (SIGKILL)");
        }
    }

    synchronized boolean agentAlive() {
        return agent != null && agent.isAlive();
    }

    Path agentLog(int generation) {
        return headNode.dir().resolve("agent-" + generation + ".log");
    }

    int agentGeneration() {
        return agentGeneration;
    }

    @Override
    public void close() {
        var errors = new ArrayList<Exception>();
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            try {
                if (!agent.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                agent.destroyForcibly();
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                errors.add(e);
            }
        }
        open.clear();
        if (!errors.isEmpty()) {
            var first = new IllegalStateException("closing the spotburst e2e stack failed", errors.getFirst());
            errors.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
