package dev.spotburst.functions.reconcile;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.resume.NodeRequest;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.SlurmNotice;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** Performs reconcile actions with an exhaustive switch; every state change is conditional, so a race just skips. */
public final class ReconcileExecutor {
    private static final Logger log = LoggerFactory.getLogger(ReconcileExecutor.class);

    private final StateStore store;
    private final LaunchCapacity capacity;
    private final InstanceInventory inventory;
    private final SlurmCommands slurm;
    private final ResumeService resume;
    private final HibernationService hibernation;
    private final ControlPlaneMetrics metrics;

    public ReconcileExecutor(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, SlurmCommands slurm,
                             ResumeService resume) {
        this(store, capacity, inventory, slurm, resume, new HibernationService(store, inventory, slurm));
    }

    public ReconcileExecutor(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, SlurmCommands slurm,
                             ResumeService resume, HibernationService hibernation) {
        this(store, capacity, inventory, slurm, resume, hibernation, ControlPlaneMetrics.NONE);
    }

    public ReconcileExecutor(StateStore store, LaunchCapacity capacity, InstanceInventory inventory, SlurmCommands slurm,
                             ResumeService resume, HibernationService hibernation, ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.capacity = capacity;
        this.inventory = inventory;
        this.slurm = slurm;
        this.resume = resume;
        this.hibernation = hibernation;
    }

    public void execute(ClusterConfig config, List<ReconcileAction> actions, Instant now) {
        var commands = new ArrayList<CommandMessage>();
        var notified = new ArrayList<NodeRecord>();
        String cluster = config.clusterName();
        int protectAfter = config.plugin().spotburst().protectAfterBootFailures();
        int repairs = 0;
        for (var action : actions) {
            try {
                switch (action) {
                    case ReconcileAction.Launch l -> {
                        var r = resume.resume(config, l.nodes().stream().map(NodeRequest::redrive).toList(), now);
                        if (!r.failed().isEmpty()) {
                            metrics.record(new ControlPlaneMetric.LaunchFailures(r.failed().size()));
                        }
                    }
                    case ReconcileAction.MarkReady r -> {
                        if (store.transition(r.node(), r.node().ready(now))) {
                            var g = store.group(r.node().node().group());
                            if (g.consecutiveBootFailures() > 0) {
                                store.updateGroup(g, g.bootSucceeded(now));
                            }
                        }
                    }
                    case ReconcileAction.FailLaunch f -> {
                        var failed = f.node().failedOwing(f.reason(), SlurmNotice.NODE_DOWN, now);
                        if (store.transition(f.node(), failed)) {
                            log.warn("launch failed: {} {} {}", entry("node", f.node().node().toString()),
                                    entry("instanceId", f.node().instanceId()), entry("reason", f.reason()));
                            var g = store.group(f.node().node().group());
                            store.updateGroup(g, g.bootFailed(protectAfter, now));
                            notify(cluster, failed, now, commands, notified);
                        }
                    }
                    case ReconcileAction.MarkLost m -> {
                        var failed = m.node().failedOwing(m.reason(), SlurmNotice.POWER_DOWN_FORCE, now);
                        if (store.transition(m.node(), failed)) {
                            log.warn("instance lost: {} {} {}", entry("node", m.node().node().toString()),
                                    entry("instanceId", m.node().instanceId()), entry("reason", m.reason()));
                            notify(cluster, failed, now, commands, notified);
                        }
                    }
                    case ReconcileAction.NotifySlurm n -> {
                        log.warn("re-sending what a failed pass owed Slurm: {} {}", entry("node", n.node().node().toString()),
                                entry("command", n.node().slurmOwed().name()));
                        notify(cluster, n.node(), now, commands, notified);
                    }
                    case ReconcileAction.Rebind b -> {
                        var i = b.instance();
                        var next = b.node().rebound(new InstanceBinding(i.instanceId(), i.spotRequestId(), i.market(),
                                i.instanceType(), i.availabilityZone(), i.privateIp()));
                        if (!i.instanceId().equals(b.node().instanceId())) {
                            // The instance → node lookup (docs/state.md) exists before the node points at it.
                            store.recordLaunch(new LaunchRecord(i.instanceId(), b.node().node(), i.market(),
                                    i.instanceType(), i.availabilityZone(),
                                    i.launchTime() != null ? i.launchTime() : now, null));
                        }
                        boolean rebound = store.transition(b.node(), next);
                        if (rebound) {
                            log.info("rebound: {} {} {} {}", entry("node", b.node().node().toString()),
                                    entry("fromInstanceId", b.node().instanceId()), entry("instanceId", i.instanceId()),
                                    entry("privateIp", i.privateIp()));
                        }
                        if (rebound && i.privateIp() != null) {
                            commands.add(Commands.message(cluster, now, new SlurmCommand.NodeAddress(
                                    b.node().node().toString(), i.privateIp(), null), cause("address", next)));
                        }
                    }
                    case ReconcileAction.RepairSlurm r -> {
                        commands.add(Commands.message(cluster, now, r.command(), cause("repair", r.node())));
                        repairs++;
                    }
                    case ReconcileAction.TagInstance t -> capacity.tag(t.node().instanceId(),
                            LaunchTags.resolvable(LaunchTags.forNode(cluster,
                                    config.nodeGroup(t.node().node().group()).orElseThrow(), t.node().node())));
                    case ReconcileAction.ObserveHibernation h -> hibernation.observe(config, h.node(), now);
                    case ReconcileAction.FinishInterruption f -> {
                        var rec = f.node();
                        reclaim(rec);
                        if (store.transition(rec, rec.poweredDown(now)) && rec.instanceId() != null) {
                            store.closeLaunch(rec.instanceId(), now);
                        }
                    }
                    case ReconcileAction.RecordLaunch r -> {
                        log.warn("launch record missing, recreated: {} {}", entry("node", r.launch().node().toString()),
                                entry("instanceId", r.launch().instanceId()));
                        store.recordLaunch(r.launch()); // create-only: never reopens a closed record
                        if (r.gone()) {
                            store.closeLaunch(r.launch().instanceId(), now);
                        }
                    }
                    case ReconcileAction.CloseLaunch c -> {
                        log.warn("launch record of a gone instance still open, closed: {}", entry("instanceId", c.instanceId()));
                        store.closeLaunch(c.instanceId(), now);
                    }
                    case ReconcileAction.Sweep s -> {
                        log.warn("sweeping orphans: {} {}", entry("instanceIds", s.instanceIds()),
                                entry("spotRequestIds", s.spotRequestIds()));
                        if (!s.spotRequestIds().isEmpty()) {
                            inventory.cancelSpotRequests(s.spotRequestIds());
                        }
                        if (!s.instanceIds().isEmpty()) {
                            // An orphan may have a launch record (written before the binding that never came):
                            // close it first, so a pass dying after the terminate leaves no record open for good;
                            // if the terminate fails, the instance is still an orphan and the next pass retries.
                            s.instanceIds().forEach(id -> store.closeLaunch(id, now));
                            inventory.terminate(s.instanceIds());
                        }
                        metrics.record(new ControlPlaneMetric.OrphansSwept(s.instanceIds().size() + s.spotRequestIds().size()));
                    }
                }
            } catch (RuntimeException e) {
                // One failed action must not stop the others; the next tick sees the same state again.
                log.error("reconcile action failed: {} {}", entry("action", action.getClass().getSimpleName()),
                        entry("error", e.toString()), e);
            }
        }
        if (!commands.isEmpty()) {
            slurm.send(commands);
        }
        // Only now is the debt paid; a pass dying before this re-sends next time, with the same ids.
        for (var rec : notified) {
            if (!store.transition(rec, rec.slurmNotified())) {
                log.info("node changed before its notice was cleared: {}", entry("node", rec.node().toString()));
            }
        }
        if (repairs > 0) {
            metrics.record(new ControlPlaneMetric.StuckNodeRepairs(repairs));
        }
    }

    /**
     * Reclaims the FAILED node's instance and queues the command it owes Slurm, rebuilt from the record: the id's
     * cause is the record version before the FAILED write, as when it was first built, so a re-send is a duplicate.
     * The command is queued before the reclaim, so a reclaim that throws does not hold it back; the debt is cleared
     * only once both the reclaim and the send succeeded.
     */
    private void notify(String cluster, NodeRecord failed, Instant now, List<CommandMessage> commands,
                        List<NodeRecord> notified) {
        String node = failed.node().toString();
        String reason = Commands.reason(failed.reason() == null ? "spotburst: failed" : failed.reason());
        SlurmCommand command = switch (failed.slurmOwed()) {
            case NODE_DOWN -> new SlurmCommand.NodeDown(node, reason);
            case POWER_DOWN_FORCE -> new SlurmCommand.NodePowerDown(node, SlurmCommand.PowerDownMode.POWER_DOWN_FORCE,
                    reason);
        };
        commands.add(Commands.message(cluster, now, command,
                failed.slurmOwed().cause() + ":" + failed.node() + "@" + (failed.version() - 1)));
        reclaim(failed);
        notified.add(failed);
    }

    private void reclaim(NodeRecord rec) {
        if (rec.spotRequestId() != null) {
            inventory.cancelSpotRequests(List.of(rec.spotRequestId()));
        }
        if (rec.instanceId() != null) {
            inventory.terminate(List.of(rec.instanceId()));
        }
    }

    private static String cause(String what, NodeRecord rec) {
        return what + ":" + rec.node() + "@" + rec.version();
    }
}
