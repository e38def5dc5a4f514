package dev.spotburst.localslurm.stack;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.localslurm.ClusterSpec;
import dev.spotburst.localslurm.E2eNetwork;
import dev.spotburst.localslurm.SlurmCluster;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.functions.ec2events.Ec2Event;
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
 * namespace's 127.0.0.1), the control plane (the real Lambda handlers: SQS event sources, reconcile every 5 s, the
 * stack's EC2-event rules), the real Slurm cluster whose power-save programs are spotburst's shims, the head-node agent,
 * and the bridge that turns emulator instances into slurmd namespaces.
 */
public final class SpotburstStack implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String AZ = "us-east-1a";
    public static final String SUBNET = "subnet-0e2e0001";
    public static final Duration RECONCILE_EVERY = Duration.ofSeconds(5);
    /** Slurm's ResumeTimeout (config.json says 25 s: the control plane times out its own launches sooner). */
    public static final int SLURM_RESUME_TIMEOUT = 90;
    private static final Set<String> LIVE = Set.of("pending", "running", "stopping", "stopped");

    private final Path dir;
    private final ClusterConfig config;
    private final Options options;
    private LocalCloud cloud;
    private LocalControlPlane controlPlane;
    private HeadNode headNode;
    private SlurmCluster cluster;
    private InstanceEventBridge instanceEvents;
    private InstanceNodes instanceNodes;
    private Process agent;
    private int agentGeneration;
    private final List<AutoCloseable> open = new ArrayList<>();

    /**
     * Where the stack keeps its files and finds the head-node shims.
     *
     * @param scratchRoot  the stack's folder ({@code e2e-spotburst-<stamp>}) and the cluster's go under it
     * @param shimLauncher {@code slurm-shims/src/main/resources/bin/spotburst-shim}
     * @param shimJar      the shaded {@code spotburst-shims.jar}
     * @param timelineOut  where the cluster's timeline lines are printed as they happen
     */
    public record Options(Path scratchRoot, Path shimLauncher, Path shimJar, java.io.PrintStream timelineOut) {
        /** The e2e suite's: system properties {@code e2e.scratchRoot}, {@code e2e.shimLauncher}, {@code e2e.shimJar}. */
        public static Options fromSystemProperties() {
            return new Options(Path.of(System.getProperty("e2e.scratchRoot", "target")).toAbsolutePath(),
                    Path.of(System.getProperty("e2e.shimLauncher",
                            "../slurm-shims/src/main/resources/bin/spotburst-shim")).toAbsolutePath().normalize(),
                    Path.of(System.getProperty("e2e.shimJar", "../slurm-shims/target/spotburst-shims.jar"))
                            .toAbsolutePath().normalize(), System.out);
        }
    }

    private SpotburstStack(Path dir, ClusterConfig config, Options options) {
        this.dir = dir;
        this.config = config;
        this.options = options;
    }

    /** The e2e suite's stack ({@link Options#fromSystemProperties()}). */
    public static SpotburstStack start() {
        return start(Options.fromSystemProperties());
    }

    public static SpotburstStack start(Options options) {
        var stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var dir = options.scratchRoot().toAbsolutePath().resolve("e2e-spotburst-" + stamp);
        var stack = new SpotburstStack(dir, E2eConfig.install(dir.resolve("config")), options);
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
        headNode = HeadNode.install(dir.resolve("head-node"), options.shimLauncher(), options.shimJar(), REGION,
                cloud.sqsEndpoint().toString());
        var parked = new LinkedHashMap<String, String>();
        E2eConfig.nodeNames(config).forEach(n -> parked.put(n, E2eNetwork.CONTROLLER_IP));
        var spec = new ClusterSpec(E2eConfig.nodeAndPartitionLines(config), parked,
                headNode.wrapper("spotburst-resume"), headNode.wrapper("spotburst-suspend"),
                headNode.wrapper("spotburst-resume-fail"), 0, 10, 5, SLURM_RESUME_TIMEOUT, 10);
        cluster = SlurmCluster.start(spec, options.scratchRoot(), options.timelineOut());
        open.add(cluster);
        headNode.writeSettings(config.clusterName(), REGION, controlPlane.resources(), cluster.slurmConf());
        // EC2 events reach the control plane through LocalControlPlane's own rules (as the stack's EventBridge
        // rules); this bridge only turns the emulator's instances into slurmd namespaces.
        instanceNodes = new InstanceNodes(emulator().control(), controlPlane.clients().dynamo(),
                controlPlane.resources().table());
        instanceEvents = new InstanceEventBridge(emulator().control(), instanceNodes, cluster.instances(),
                cluster.hosts(), cluster.timeline()).subscribe(cloud.eventBus());
        open.add(instanceEvents);
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

    public Ec2Emulator emulator() {
        return cloud.ec2Emulator().orElseThrow();
    }

    /** The node an instance serves (Name tag or launch record), if known yet. */
    public String nodeOf(InstanceView instance) {
        return instanceNodes.nodeOf(instance.instanceId()).orElse(null);
    }

    /**
     * EC2 events the emulator published on the bus (interruption warnings, rebalance recommendations, state
     * changes) and how many invocations of the EC2-events function the control plane's rules made for them: equal
     * when each event reaches the control plane exactly once.
     */
    public long[] ec2EventsPublishedAndRouted() {
        long routed = controlPlane.eventRouting().ec2EventsReceived();
        long published = cloud.eventBus().history().stream().filter(SpotburstStack::isControlPlaneEc2Event).count();
        return new long[] {published, routed};
    }

    private static boolean isControlPlaneEc2Event(String json) {
        try {
            var n = dev.spotburst.json.Json.mapper().readTree(json);
            return n.path("source").asText().equals("aws.ec2") && Set.of(Ec2Event.INTERRUPTION_WARNING,
                    Ec2Event.REBALANCE, Ec2Event.STATE_CHANGE)
                    .contains(n.path("detail-type").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Instances that are not (being) terminated. */
    public List<InstanceView> liveInstances() {
        return emulator().control().instances().stream().filter(i -> LIVE.contains(i.state())).toList();
    }

    public Path dir() {
        return dir;
    }

    public ClusterConfig config() {
        return config;
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public LocalControlPlane controlPlane() {
        return controlPlane;
    }

    public HeadNode headNode() {
        return headNode;
    }

    public SlurmCluster cluster() {
        return cluster;
    }

    public InstanceEventBridge instanceEvents() {
        return instanceEvents;
    }

    // ---- the head-node agent ---------------------------------------------------------------------------------

    public synchronized void startAgent() {
        agentGeneration++;
        agent = headNode.startAgent(cluster.slurmConf(), agentGeneration);
        cluster.timeline().mark("agent #" + agentGeneration + " started (pid " + agent.pid() + ")");
    }

    /** SIGKILL: a head-node crash, no shutdown hook, no chance to finish the command in hand. */
    public synchronized void killAgent() {
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

    public synchronized boolean agentAlive() {
        return agent != null && agent.isAlive();
    }

    public Path agentLog(int generation) {
        return headNode.dir().resolve("agent-" + generation + ".log");
    }

    public int agentGeneration() {
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

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
