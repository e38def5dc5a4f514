package dev.spotburst.functions.hibernation;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.state.Counters;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Performs hibernation steps (docs/hibernation.md). With {@code SlurmdTimeout=0} (or larger than any hibernation)
 * slurmctld keeps a frozen node {@code allocated} and its job running (slurm-findings §5), so nothing here ever
 * kills or requeues a job while the instance may return: a hibernation only drains the node (no new job lands on a
 * sleeping node) and undrains it when the same instance runs again. Liveness is ours instead of Slurm's: an instance
 * that is gone, or whose persistent request can no longer restart it, makes the node DOWN at once (jobs requeue).
 */
public final class HibernationService {
    private static final Logger log = LoggerFactory.getLogger(HibernationService.class);

    /** Reason of the drain a hibernation sets; only a drain with this reason is lifted when the instance returns. */
    public static final String REASON_PREFIX = "spotburst: hibernated";

    private final StateStore store;
    private final InstanceInventory inventory;
    private final SlurmCommands slurm;
    private final ControlPlaneMetrics metrics;

    public HibernationService(StateStore store, InstanceInventory inventory, SlurmCommands slurm) {
        this(store, inventory, slurm, ControlPlaneMetrics.NONE);
    }

    public HibernationService(StateStore store, InstanceInventory inventory, SlurmCommands slurm,
                              ControlPlaneMetrics metrics) {
        this.store = store;
        this.inventory = inventory;
        this.slurm = slurm;
        this.metrics = metrics;
    }

    /**
     * Performs {@code step} on {@code rec}. Returns false when the conditional write lost a race (the caller
     * re-reads and decides again) and true otherwise (done, or nothing to do).
     *
     * @param instanceState EC2 state that led to the step; {@code stopped} makes BEGIN go straight to HIBERNATED
     * @param currentIp     the instance's private IP if the caller knows it (RETURNED), else it is described
     */
    public boolean apply(ClusterConfig config, NodeRecord rec, HibernationStep step, String instanceState,
                         String currentIp, Instant eventAt, Instant now) {
        return switch (step) {
            case NONE -> true;
            case BEGIN -> begin(config, rec, "stopped".equals(instanceState) ? NodeState.HIBERNATED : NodeState.HIBERNATING,
                    eventAt, now);
            case STOPPED -> {
                if (!store.transition(rec, rec.interruptionStep(NodeState.HIBERNATED, rec.reason(), now, eventAt))) {
                    yield false;
                }
                log.info("hibernated, instance stopped: {} {}", entry("node", rec.node().toString()),
                        entry("instanceId", rec.instanceId()));
                yield true;
            }
            case RETURNED -> returned(config, rec, currentIp, eventAt, now);
            case LOST -> lost(config, rec, "spotburst: hibernated instance " + rec.instanceId() + " is "
                    + (instanceState == null ? "gone" : instanceState), eventAt, now);
        };
    }

    /**
     * READY → HIBERNATING/HIBERNATED: drain, count. The watchdog workflow is started by EventBridge
     * from the same interruption warning (docs/hibernation.md), not from here.
     */
    public boolean begin(ClusterConfig config, NodeRecord rec, NodeState target, Instant eventAt, Instant now) {
        boolean drain = !drainedByOperator(rec);
        String reason = drain ? Commands.reason(REASON_PREFIX + " (" + rec.instanceId() + ")") : null;
        var next = rec.interruptionStep(target, reason, now, eventAt);
        if (!store.transition(rec, next)) {
            return false;
        }
        store.count(rec.node().group(), Counters.INTERRUPTIONS, 1);
        store.count(rec.node().group(), Counters.HIBERNATIONS, 1);
        metrics.record(new ControlPlaneMetric.Interruption());
        metrics.record(new ControlPlaneMetric.HibernationStarted());
        if (drain) {
            slurm.send(List.of(Commands.message(config.clusterName(), now,
                    new SlurmCommand.NodeDrain(rec.node().toString(), reason), cause("hibernate", rec))));
        }
        log.warn("hibernating: {} {} {} {}", entry("node", rec.node().toString()), entry("instanceId", rec.instanceId()),
                entry("instanceState", target == NodeState.HIBERNATED ? "stopped" : "stopping"), entry("drained", drain));
        return true;
    }

    /** Same instance running again: READY, undrain (if the drain was ours), tell Slurm a changed address. */
    public boolean returned(ClusterConfig config, NodeRecord rec, String currentIp, Instant eventAt, Instant now) {
        String ip = currentIp;
        if (ip == null) {
            ip = inventory.describe(List.of(rec.instanceId())).stream().map(InstanceView::privateIp)
                    .filter(a -> a != null).findFirst().orElse(null);
        }
        var next = rec.returned(ip, now, eventAt);
        if (!store.transition(rec, next)) {
            return false;
        }
        store.count(rec.node().group(), Counters.HIBERNATIONS_SURVIVED, 1);
        metrics.record(new ControlPlaneMetric.HibernationSurvived());
        var commands = new ArrayList<CommandMessage>();
        String node = rec.node().toString();
        if (ip != null && !ip.equals(rec.privateIp())) {
            // Unusual (a stopped VPC instance keeps its primary private IP), but Slurm must not talk to the old one.
            commands.add(Commands.message(config.clusterName(), now, new SlurmCommand.NodeAddress(node, ip, null),
                    cause("hibernation-address", rec)));
        }
        if (rec.reason() != null && rec.reason().startsWith(REASON_PREFIX)) {
            commands.add(Commands.message(config.clusterName(), now, new SlurmCommand.NodeResume(node),
                    cause("hibernation-return", rec)));
        }
        if (!commands.isEmpty()) {
            slurm.send(commands);
        }
        log.info("back from hibernation on the same instance: {} {} {}", entry("node", rec.node().toString()),
                entry("instanceId", rec.instanceId()), entry("privateIp", ip));
        return true;
    }

    /**
     * The job's memory is gone: FAILED, cancel the request (or EC2 relaunches a blank instance for it), terminate,
     * and DOWN the node so Slurm requeues its jobs now; POWER_DOWN_FORCE then returns it to {@code idle~}
     * (slurm-findings §6: both repair {@code down*}; the reason stays for the operator).
     */
    public boolean lost(ClusterConfig config, NodeRecord rec, String why, Instant eventAt, Instant now) {
        if (rescueInProgress(config, rec)) {
            log.info("{}: {} but a rescue is moving it to On-Demand; the rescue owns the node", rec.node(), why);
            return true;
        }
        String reason = Commands.reason(why);
        if (!store.transition(rec, rec.interruptionStep(NodeState.FAILED, reason, now, eventAt))) {
            return false;
        }
        store.count(rec.node().group(), Counters.HIBERNATIONS_LOST, 1);
        metrics.record(new ControlPlaneMetric.HibernationLost());
        if (rec.spotRequestId() != null) {
            inventory.cancelSpotRequests(List.of(rec.spotRequestId()));
        }
        if (rec.instanceId() != null) {
            inventory.terminate(List.of(rec.instanceId()));
        }
        String node = rec.node().toString();
        slurm.send(List.of(
                Commands.message(config.clusterName(), now, new SlurmCommand.NodeDown(node, reason), cause("hibernation-lost", rec)),
                Commands.message(config.clusterName(), now, new SlurmCommand.NodePowerDown(node,
                        SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, reason), cause("hibernation-lost", rec))));
        log.error("lost while hibernated: {} {} {}", entry("node", rec.node().toString()), entry("instanceId", rec.instanceId()),
                entry("reason", reason));
        return true;
    }

    /**
     * Looks at EC2 now (one DescribeInstances, one DescribeSpotInstanceRequests) and performs what that means.
     * The workflow's poll and the reconciler use this, so missed events are caught up.
     */
    public NodeRecord observe(ClusterConfig config, NodeRecord rec, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (rec.instanceId() == null) {
                return rec;
            }
            Optional<InstanceView> inst = inventory.describe(List.of(rec.instanceId())).stream().findFirst();
            boolean requestLive = rec.spotRequestId() == null || inventory.describeSpotRequests(List.of(rec.spotRequestId()))
                    .stream().anyMatch(SpotRequestView::live);
            var step = decide(rec, inst, requestLive);
            if (step == HibernationStep.BEGIN && !keepsMemory(config, rec)) {
                return rec;
            }
            // A return seen here supersedes every EC2 event older than this look: a late stopping/stopped event of
            // the hibernation just ended must not start a new one on the running instance (it did, in the 200-node
            // storm: drain, counters, then the next look lifted it). Event times have one-second resolution.
            Instant seenAt = step == HibernationStep.RETURNED ? now.truncatedTo(ChronoUnit.SECONDS) : null;
            if (apply(config, rec, step, inst.map(InstanceView::state).orElse(null),
                    inst.map(InstanceView::privateIp).orElse(null), seenAt, now)) {
                return store.node(rec.node());
            }
            rec = store.node(rec.node());
        }
        return rec;
    }

    /** The decision for an observed instance (absent = EC2 does not know it). */
    public static HibernationStep decide(NodeRecord rec, Optional<InstanceView> inst, boolean requestLive) {
        boolean restarted = inst.map(i -> i.launchTime() != null && i.launchTime().isAfter(rec.stateSince())).orElse(false);
        return HibernationDecision.decide(rec, inst.map(InstanceView::state).orElse(null), requestLive, restarted);
    }

    /** Hibernate behaviour only: a stopped (not hibernated) instance has lost the job's memory. */
    public static boolean keepsMemory(ClusterConfig config, NodeRecord rec) {
        return config.nodeGroup(rec.node().group()).map(NodeGroupConfig::interruptionBehavior)
                .map(b -> b == dev.spotburst.model.InterruptionBehavior.HIBERNATE).orElse(false);
    }

    /** The rescue cancels the request and terminates the Spot instance on purpose while its twin takes over. */
    private boolean rescueInProgress(ClusterConfig config, NodeRecord rec) {
        return rec.state() == NodeState.HIBERNATED && rec.instanceId() != null
                && inventory.clusterInstances(config.clusterName()).stream()
                .anyMatch(i -> !i.gone() && rec.instanceId().equals(i.tags().get(LaunchTags.RESCUED_FROM)));
    }

    /** An operator's drain (not ours) is left alone and not lifted on return. */
    private boolean drainedByOperator(NodeRecord rec) {
        Optional<SlurmSnapshot.Node> s = store.latestSlurmSnapshot().flatMap(snap -> snap.nodes().stream()
                .filter(n -> n.name().equals(rec.node().toString())).findFirst());
        return s.map(n -> (n.has("DRAIN") || n.state().toUpperCase(java.util.Locale.ROOT).startsWith("DRAIN"))
                && n.reason() != null && !n.reason().startsWith("spotburst:")).orElse(false);
    }

    private static String cause(String what, NodeRecord rec) {
        return what + ":" + rec.node() + "@" + rec.version();
    }
}
