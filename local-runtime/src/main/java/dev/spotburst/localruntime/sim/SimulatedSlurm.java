package dev.spotburst.localruntime.sim;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.messages.PowerSaveRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * slurmctld, the head-node shims and agent, and the compute nodes' slurmd, simulated for one cluster against the
 * real queues: two threads, one running slurmctld's passes (publishing power-save requests, registering nodes)
 * and one running the agent (commands in, results and snapshots out). All timing from the {@link Clock}.
 */
public final class SimulatedSlurm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSlurm.class);

    /** The queues the simulation talks to. */
    public record Queues(String requestsUrl, String commandsUrl, String reportsUrl) {
    }

    private final SlurmController controller;
    private final ShimPublisher shim;
    private final SimAgent agent;
    private final SimulatedSlurmd slurmd;
    private final Clock clock;
    private final SimEvents events;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong failures = new AtomicLong();
    private final Thread ctld;
    private final Thread agentThread;

    private SimulatedSlurm(ClusterConfig config, SimSettings settings, SqsClient sqs, Queues queues,
                           Supplier<List<InstanceView>> instances, NodeIdentity identity, Clock clock, SimEvents events) {
        this.clock = clock;
        this.events = events;
        this.controller = new SlurmController(config, settings, events);
        this.shim = new ShimPublisher(sqs, queues.requestsUrl(), config.clusterName());
        this.agent = new SimAgent(controller, sqs, queues.commandsUrl(), queues.reportsUrl(), config.clusterName(),
                clock, events);
        this.slurmd = new SimulatedSlurmd(controller, instances, identity);
        this.ctld = Thread.ofPlatform().daemon().name("sim-slurmctld").unstarted(() -> loop(this::ctldTurn, settings.powerSaveInterval()));
        this.agentThread = Thread.ofPlatform().daemon().name("sim-agent").unstarted(() -> loop(agent::turn, Duration.ZERO));
    }

    /** Compute nodes named by their {@code Name} tags only (no state table at hand). */
    public static SimulatedSlurm start(ClusterConfig config, SimSettings settings, SqsClient sqs, Queues queues,
                                       Supplier<List<InstanceView>> instances, Clock clock, SimEvents events) {
        return start(config, settings, sqs, queues, instances, null, clock, events);
    }

    /** Compute nodes learn their names as on EC2: Name tag, else the launch record ({@link NodeIdentity}). */
    public static SimulatedSlurm start(ClusterConfig config, SimSettings settings, SqsClient sqs, Queues queues,
                                       Supplier<List<InstanceView>> instances, NodeIdentity identity, Clock clock,
                                       SimEvents events) {
        var sim = new SimulatedSlurm(config, settings, sqs, queues, instances, identity, clock, events);
        sim.ctld.start();
        sim.agentThread.start();
        return sim;
    }

    /** {@code sbatch -p <partition> -N <nodes>} running for {@code duration}; returns the job id. */
    public long submit(String partition, int nodes, Duration duration) {
        long id = controller.submit(partition, nodes, duration, clock.instant());
        events.emit("job " + id + " submitted: " + nodes + " node(s) of " + partition + " for " + duration.toMillis() / 1000.0 + "s");
        return id;
    }

    /** Submits every job before slurmctld's next pass, as a script of back-to-back sbatch calls would. */
    public List<Long> submitAll(List<SlurmController.JobRequest> jobs) {
        var ids = controller.submitAll(jobs, clock.instant());
        events.emit(ids.size() + " jobs submitted: " + ids);
        return ids;
    }

    public SimStatus status() {
        return controller.status();
    }

    public java.util.List<SimJobView> jobs() {
        return controller.jobs();
    }

    public java.util.List<SimNodeView> nodes() {
        return controller.nodes();
    }

    /** Every power-save request published so far, with when it was handed to SQS. */
    public List<Sent> sentRequests() {
        return shim.sent().stream().map(s -> new Sent(s.request(), s.sentAt())).toList();
    }

    public record Sent(PowerSaveRequest request, java.time.Instant sentAt) {
    }

    public long commandsApplied() {
        return agent.commandsApplied();
    }

    public long snapshotsPosted() {
        return agent.snapshotsPosted();
    }

    /** Loop turns that threw (queue unreachable …); they are retried. */
    public long failures() {
        return failures.get();
    }

    private void ctldTurn() {
        var now = clock.instant();
        for (var call : controller.pass(now)) {
            var req = shim.publish(call, now);
            events.emit(call.kind().wire() + " " + call.hostlist() + " (" + call.nodes().size() + " node"
                    + (call.nodes().size() == 1 ? "" : "s") + ", req …" + req.id().substring(req.id().length() - 8) + ")");
        }
        slurmd.poll(clock.instant());
    }

    private void loop(Runnable turn, Duration pause) {
        while (running.get()) {
            try {
                turn.run();
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                failures.incrementAndGet();
                LOG.warn("simulated slurm turn failed, retrying: {}", e.toString());
                sleep(Duration.ofMillis(200));
            }
            if (!pause.isZero()) {
                sleep(pause);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        ctld.interrupt();
        agentThread.interrupt();
        join(ctld);
        join(agentThread);
    }

    private static void join(Thread t) {
        try {
            t.join(25_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
