package dev.spotburst.functions.rescue;

import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.slurm.Commands;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rescue writes: the node record (one conditional write from the HIBERNATED record read), the launch
 * records for the cost report, and the commands Slurm needs. Command ids derive from the node and the record
 * version, so a retried invocation re-sends the same ids and the FIFO queue drops the repeat.
 */
public final class RescueRecords {

    public static final String FAILED_PREFIX = "spotburst: rescue failed: ";

    private final StateStore store;
    private final SlurmCommands slurm;
    private final String cluster;

    public RescueRecords(StateStore store, SlurmCommands slurm, String cluster) {
        this.store = store;
        this.slurm = slurm;
        this.cluster = cluster;
    }

    /**
     * READY on the twin. {@code ec2EventAt = now} makes the events of the twin's own hibernate-stop (delivered late,
     * in any order) stale, so they cannot start a bogus hibernation of the rescued node. Slurm gets the new address
     * and, if the hibernation drained the node (reason {@link HibernationService#REASON_PREFIX}), the undrain the
     * normal return sends; an operator's drain (reason not ours: the record's reason is then empty) is left alone.
     */
    RescueOutcome rescued(NodeRecord rec, RescueInstance twin, Instant now) {
        var next = new NodeRecord(rec.node(), NodeState.READY, rec.version() + 1, twin.instanceId(), null,
                Market.ON_DEMAND, twin.instanceType(), twin.availabilityZone(), twin.privateIp(), null, now,
                rec.lastRequestAt(), now);
        boolean changed = twin.privateIp() != null && !twin.privateIp().equals(rec.privateIp());
        if (!store.transition(rec, next)) {
            var cur = store.node(rec.node());
            if (!twin.instanceId().equals(cur.instanceId())) {
                return new RescueOutcome.Skipped(rec.node(), "node record changed under the rescue: " + cur.state());
            }
            // A previous attempt already wrote it; re-send what it sent (same ids).
        }
        store.closeLaunch(rec.instanceId(), now);
        store.recordLaunch(new LaunchRecord(twin.instanceId(), rec.node(), Market.ON_DEMAND, twin.instanceType(),
                twin.availabilityZone(), now, null));
        var commands = new ArrayList<CommandMessage>();
        String node = rec.node().toString();
        String cause = rec.node() + ":" + next.version();
        if (changed) {
            commands.add(Commands.message(cluster, now, new SlurmCommand.NodeAddress(node, twin.privateIp(), null),
                    "rescue:" + cause));
        }
        if (rec.reason() != null && rec.reason().startsWith(HibernationService.REASON_PREFIX)) {
            commands.add(Commands.message(cluster, now, new SlurmCommand.NodeResume(node), "rescue-resume:" + cause));
        }
        if (!commands.isEmpty()) {
            slurm.send(commands);
        }
        return new RescueOutcome.Rescued(rec.node(), rec.instanceId(), twin.instanceId(), twin.privateIp(), changed);
    }

    RescueOutcome failed(NodeRecord rec, String code, String detail, Instant now) {
        String reason = Commands.reason(FAILED_PREFIX + code);
        var next = rec.failed(reason, now);
        List<CommandMessage> out = new ArrayList<>();
        if (store.transition(rec, next) || store.node(rec.node()).state() == NodeState.FAILED) {
            out.add(Commands.message(cluster, now, new SlurmCommand.NodeDown(rec.node().toString(), reason),
                    "rescue-failed:" + rec.node() + ":" + next.version()));
            slurm.send(out);
        }
        if (rec.instanceId() != null) {
            store.closeLaunch(rec.instanceId(), now);
        }
        return new RescueOutcome.Failed(rec.node(), code, detail);
    }
}
