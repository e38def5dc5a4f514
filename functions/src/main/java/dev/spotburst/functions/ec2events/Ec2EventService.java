package dev.spotburst.functions.ec2events;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/** Looks up the owning node, decides, and performs the action. Commands are keyed by the event id (EventBridge redelivers). */
public final class Ec2EventService {
    private static final Logger log = LoggerFactory.getLogger(Ec2EventService.class);

    private final StateStore store;
    private final SlurmCommands slurm;
    private final Reconciler reconciler;

    public Ec2EventService(StateStore store, SlurmCommands slurm, Reconciler reconciler) {
        this.store = store;
        this.slurm = slurm;
        this.reconciler = reconciler;
    }

    public Ec2EventAction handle(ClusterConfig config, Ec2Event event, Instant now) {
        var owner = event.instanceId() == null ? java.util.Optional.<NodeRecord>empty() : store.nodeByInstance(event.instanceId());
        var behaviour = owner.flatMap(r -> config.nodeGroup(r.node().group()))
                .map(g -> g.interruptionBehavior()).orElse(InterruptionBehavior.TERMINATE);
        var action = Ec2EventDecision.decide(event, owner, behaviour);
        String cluster = config.clusterName();
        switch (action) {
            case Ec2EventAction.Ignore i -> log.info("EC2 event {} ({}): {}", event.id(), event.detailType(), i.why());
            case Ec2EventAction.Interrupt i -> {
                var rec = i.node();
                if (store.transition(rec, new NodeRecord(rec.node(), NodeState.INTERRUPTED, rec.version() + 1,
                        rec.instanceId(), rec.spotRequestId(), rec.market(), rec.instanceType(), rec.availabilityZone(),
                        rec.privateIp(), i.reason(), now, rec.lastRequestAt()))) {
                    slurm.send(List.of(Commands.message(cluster, now, new SlurmCommand.NodePowerDown(rec.node().toString(),
                            SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, i.reason()), "ec2-event:" + event.id())));
                    log.warn("{} interrupted: {}", rec.node(), i.reason());
                }
            }
            case Ec2EventAction.Drain d -> slurm.send(List.of(Commands.message(cluster, now,
                    new SlurmCommand.NodeDrain(d.node().node().toString(), d.reason()), "ec2-event:" + event.id())));
            case Ec2EventAction.ReconcileGroup r -> reconciler.run(config, List.of(r.group()), now);
        }
        return action;
    }
}
