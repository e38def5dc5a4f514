package dev.spotburst.functions.ec2events;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.LaunchInterlock;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.state.Counters;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Looks up the owning node (one GSI query; an instance that is not ours costs nothing more), decides, performs.
 * A conditional write that loses a race is decided again from a fresh read, at most three times.
 */
public final class Ec2EventService {
    private static final Logger log = LoggerFactory.getLogger(Ec2EventService.class);
    private static final int ATTEMPTS = 3;

    private final StateStore store;
    private final SlurmCommands slurm;
    private final Reconciler reconciler;
    private final HibernationService hibernation;
    private final InstanceInventory inventory;
    private final ControlPlaneMetrics metrics;

    public Ec2EventService(StateStore store, SlurmCommands slurm, Reconciler reconciler, HibernationService hibernation,
                           InstanceInventory inventory) {
        this(store, slurm, reconciler, hibernation, inventory, ControlPlaneMetrics.NONE);
    }

    public Ec2EventService(StateStore store, SlurmCommands slurm, Reconciler reconciler, HibernationService hibernation,
                           InstanceInventory inventory, ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.slurm = slurm;
        this.reconciler = reconciler;
        this.hibernation = hibernation;
        this.inventory = inventory;
    }

    public Ec2EventAction handle(ClusterConfig config, Ec2Event event, Instant now) {
        Ec2EventAction action = new Ec2EventAction.Ignore("no instance id");
        for (int attempt = 0; attempt < ATTEMPTS && event.instanceId() != null; attempt++) {
            Optional<NodeRecord> owner = store.nodeByInstance(event.instanceId());
            var policy = owner.flatMap(r -> config.nodeGroup(r.node().group()))
                    .map(g -> new Ec2EventDecision.GroupPolicy(g.interruptionBehavior(), g.spotburst().rebalanceAction()))
                    .orElse(Ec2EventDecision.GroupPolicy.TERMINATE);
            action = Ec2EventDecision.decide(event, owner, policy);
            if (perform(config, event, action, now)) {
                return action;
            }
            log.info("EC2 event lost a race, deciding again: {} {}", entry("eventId", event.id()),
                    entry("action", action.getClass().getSimpleName()));
        }
        return action;
    }

    /** False when a conditional write found the record changed. */
    private boolean perform(ClusterConfig config, Ec2Event event, Ec2EventAction action, Instant now) {
        String cluster = config.clusterName();
        return switch (action) {
            case Ec2EventAction.Ignore i -> true;
            case Ec2EventAction.Interrupt i -> {
                var rec = i.node();
                if (!store.transition(rec, rec.interruptionStep(NodeState.INTERRUPTED, i.reason(), now, i.eventAt()))) {
                    yield false;
                }
                store.count(rec.node().group(), Counters.INTERRUPTIONS, 1);
                store.count(rec.node().group(), Counters.INTERRUPTIONS_REQUEUED, 1);
                metrics.record(new ControlPlaneMetric.Interruption());
                slurm.send(List.of(Commands.message(cluster, now, new SlurmCommand.NodePowerDown(rec.node().toString(),
                        SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, i.reason()), cause("interrupt", rec))));
                log.warn("interrupted, jobs requeued by POWER_DOWN_FORCE: {} {} {}", entry("node", rec.node().toString()),
                        entry("instanceId", rec.instanceId()), entry("eventId", event.id()));
                yield true;
            }
            case Ec2EventAction.Rebalance r -> {
                var rec = r.node();
                if (r.reason().equals(rec.reason())) {
                    yield true; // redelivered
                }
                if (!store.transition(rec, rec.withReason(r.reason(), null))) {
                    yield false;
                }
                store.count(rec.node().group(), Counters.REBALANCES, 1);
                metrics.record(new ControlPlaneMetric.RebalanceRecommendation());
                SlurmCommand cmd = r.replace()
                        ? new SlurmCommand.NodePowerDown(rec.node().toString(), SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, r.reason())
                        : new SlurmCommand.NodeDrain(rec.node().toString(), r.reason());
                var messages = new ArrayList<CommandMessage>();
                messages.add(Commands.message(cluster, now, cmd, cause("rebalance", rec)));
                if (r.replace()) {
                    // After the reason write: a redelivered recommendation stops above and never powers up a second spare.
                    var choice = spare(config, rec, now);
                    choice.spare().ifPresent(spare -> {
                        messages.add(Commands.message(cluster, now, new SlurmCommand.NodePowerUp(spare.toString()),
                                cause("rebalance-spare", rec)));
                        store.count(rec.node().group(), Counters.SPARES_POWERED_UP, 1);
                    });
                    log.info("rebalance replacement: {} {} {}", entry("node", rec.node().toString()),
                            entry("spare", choice.spare().map(Object::toString).orElse("none")), entry("why", choice.why()));
                }
                slurm.send(messages);
                yield true;
            }
            case Ec2EventAction.Hibernation h -> hibernation.apply(config, h.node(), h.step(), h.instanceState(), null,
                    h.eventAt(), now);
            case Ec2EventAction.InterruptionEnded e -> {
                var rec = e.node();
                if (!store.transition(rec, rec.poweredDown(now))) {
                    yield false;
                }
                if (rec.spotRequestId() != null) {
                    inventory.cancelSpotRequests(List.of(rec.spotRequestId())); // a persistent request would relaunch
                }
                store.closeLaunch(rec.instanceId(), now);
                log.info("interrupted instance gone, powered down: {} {}", entry("node", rec.node().toString()),
                        entry("instanceId", rec.instanceId()));
                yield true;
            }
            case Ec2EventAction.InstanceRunning r -> {
                reconciler.instanceRunning(config, r.node(), now);
                yield true;
            }
            case Ec2EventAction.ReconcileGroup r -> {
                reconciler.run(config, List.of(r.group()), now);
                yield true;
            }
        };
    }

    /** One query of the group's records, its safety record and Slurm's latest snapshot; the choice is pure. */
    private SpareChoice spare(ClusterConfig config, NodeRecord atRisk, Instant now) {
        var group = atRisk.node().group();
        return config.nodeGroup(group)
                .map(g -> SpareChoice.choose(atRisk.node(), g.nodes().toList(), store.nodes(group), store.group(group),
                        store.latestSlurmSnapshot(),
                        LaunchInterlock.heartbeatLimit(config.plugin().spotburst().reconcileIntervalSeconds()), now))
                .orElseGet(() -> new SpareChoice(Optional.empty(), "group " + group + " is not configured"));
    }

    private static String cause(String what, NodeRecord rec) {
        return what + ":" + rec.node() + "@" + rec.version();
    }
}
