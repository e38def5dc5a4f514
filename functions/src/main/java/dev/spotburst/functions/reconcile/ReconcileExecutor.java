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
import dev.spotburst.functions.state.NodeRecord;
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
        String cluster = config.clusterName();
        int protectAfter = config.plugin().spotburst().protectAfterBootFailures();
        int repairs = 0;
        for (var action : actions) {
            try {
                switch (action) {
                    case ReconcileAction.Launch l -> {
                        var r = resume.resume(config, l.nodes().stream().map(n -> new NodeRequest(n, now)).toList(), now);
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
                        if (store.transition(f.node(), f.node().failed(f.reason(), now))) {
                            log.warn("launch failed: {} {} {}", entry("node", f.node().node().toString()),
                                    entry("instanceId", f.node().instanceId()), entry("reason", f.reason()));
                            reclaim(f.node());
                            var g = store.group(f.node().node().group());
                            store.updateGroup(g, g.bootFailed(protectAfter, now));
                            commands.add(Commands.message(cluster, now, new SlurmCommand.NodeDown(
                                    f.node().node().toString(), Commands.reason(f.reason())), cause("timeout", f.node())));
                        }
                    }
                    case ReconcileAction.MarkLost m -> {
                        if (store.transition(m.node(), m.node().failed(m.reason(), now))) {
                            log.warn("instance lost: {} {} {}", entry("node", m.node().node().toString()),
                                    entry("instanceId", m.node().instanceId()), entry("reason", m.reason()));
                            reclaim(m.node());
                            commands.add(Commands.message(cluster, now, new SlurmCommand.NodePowerDown(
                                    m.node().node().toString(), SlurmCommand.PowerDownMode.POWER_DOWN_FORCE,
                                    Commands.reason(m.reason())), cause("lost", m.node())));
                        }
                    }
                    case ReconcileAction.Rebind b -> {
                        var i = b.instance();
                        var next = b.node().rebound(new InstanceBinding(i.instanceId(), i.spotRequestId(), i.market(),
                                i.instanceType(), i.availabilityZone(), i.privateIp()));
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
                    case ReconcileAction.Sweep s -> {
                        log.warn("sweeping orphans: {} {}", entry("instanceIds", s.instanceIds()),
                                entry("spotRequestIds", s.spotRequestIds()));
                        if (!s.spotRequestIds().isEmpty()) {
                            inventory.cancelSpotRequests(s.spotRequestIds());
                        }
                        if (!s.instanceIds().isEmpty()) {
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
        if (repairs > 0) {
            metrics.record(new ControlPlaneMetric.StuckNodeRepairs(repairs));
        }
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
