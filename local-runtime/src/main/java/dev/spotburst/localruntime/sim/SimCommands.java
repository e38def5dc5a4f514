package dev.spotburst.localruntime.sim;

import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.localruntime.sim.SimNode.Power;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.CommandResult.Outcome;
import dev.spotburst.messages.SlurmCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code scontrol update} as slurmctld answers it, for each {@link SlurmCommand} (slurm-findings §6 repair matrix):
 * DOWN requeues the node's job and leaves a powering-up node {@code down~}; RESUME is the fast path out of
 * {@code down~} and clears reasons; POWER_DOWN_FORCE requeues and powers down whatever state the node is in.
 * Runs under the controller's lock.
 */
final class SimCommands {
    private SimCommands() {
    }

    static CommandResult apply(SlurmController ctl, CommandMessage message, Instant now, SimEvents events) {
        var c = message.command();
        Outcome outcome;
        String detail = null;
        try {
            outcome = switch (c) {
                case SlurmCommand.NodeDown d -> eachNode(ctl, d.nodes(), n -> {
                    n.down = true;
                    n.reason = d.reason();
                    if (!n.everRegistered || n.power == Power.POWERING_UP) {
                        n.lastFailure = d.reason();
                    }
                    requeueJobOf(ctl, n, now, "node " + n.name + " set DOWN");
                    if (n.power == Power.POWERING_UP) {
                        n.setPower(Power.OFF, now); // down~: the instance never came
                        n.resumeCalledAt = null;
                    }
                    n.idleSince = now;
                    events.emit("node " + n.name + " " + n.stateText() + " reason '" + d.reason() + "'");
                });
                case SlurmCommand.NodeDrain d -> eachNode(ctl, d.nodes(), n -> {
                    n.drain = true;
                    n.reason = d.reason();
                    events.emit("node " + n.name + " " + n.stateText() + " reason '" + d.reason() + "'");
                });
                case SlurmCommand.NodeResume r -> eachNode(ctl, r.nodes(), n -> {
                    if (n.power == Power.POWERING_UP) {
                        throw new IllegalStateException("Invalid node state specified");
                    }
                    n.down = false;
                    n.drain = false;
                    n.reason = null;
                    n.idleSince = now;
                    events.emit("node " + n.name + " resumed → " + n.stateText());
                });
                case SlurmCommand.NodePowerDown p -> eachNode(ctl, p.nodes(), n -> powerDown(ctl, n, p, now, events));
                case SlurmCommand.NodePowerUp u -> eachNode(ctl, u.nodes(), n -> ctl.powerUp(n, now));
                case SlurmCommand.NodeClearReason r -> eachNode(ctl, r.nodes(), n -> n.reason = null);
                case SlurmCommand.NodeAddress a -> eachNode(ctl, a.node(), n -> n.address = a.address());
                case SlurmCommand.JobRequeue r -> onJob(ctl, r.jobId(), j -> ctl.requeue(j, now, "scontrol requeue"));
                case SlurmCommand.JobNotify n -> onJob(ctl, n.jobId(), j -> { });
                case SlurmCommand.JobAdminComment a -> onJob(ctl, a.jobId(), j -> { });
                case SlurmCommand.JobSuspend s -> onJob(ctl, s.jobId(), j -> {
                    if (j.state == SimJob.State.RUNNING) {
                        j.remaining = java.time.Duration.between(now, j.endsAt).isNegative() ? java.time.Duration.ZERO
                                : java.time.Duration.between(now, j.endsAt);
                        j.state = SimJob.State.SUSPENDED;
                    }
                });
                case SlurmCommand.JobResume s -> onJob(ctl, s.jobId(), j -> {
                    if (j.state == SimJob.State.SUSPENDED) {
                        j.endsAt = now.plus(j.remaining);
                        j.state = SimJob.State.RUNNING;
                    }
                });
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            outcome = Outcome.FAILED;
            detail = e.getMessage();
        }
        return new CommandResult(CommandResult.SCHEMA_VERSION, message.id(), now, outcome, detail);
    }

    private static void powerDown(SlurmController ctl, SimNode n, SlurmCommand.NodePowerDown p, Instant now, SimEvents events) {
        if (p.reason() != null) {
            n.reason = p.reason();
        }
        switch (p.mode()) {
            case POWER_DOWN_FORCE -> {
                requeueJobOf(ctl, n, now, "POWER_DOWN_FORCE on " + n.name);
                ctl.powerDownNow(n, now);
            }
            case POWER_DOWN_ASAP -> {
                n.drain = true;
                n.powerDownPending = true;
            }
            case POWER_DOWN -> n.powerDownPending = true;
        }
        events.emit("node " + n.name + " " + p.mode() + " → " + n.stateText()
                + (p.reason() == null ? "" : " reason '" + p.reason() + "'"));
    }

    private static void requeueJobOf(SlurmController ctl, SimNode n, Instant now, String why) {
        if (n.jobId != null) {
            ctl.job(n.jobId).ifPresent(j -> ctl.requeue(j, now, why));
        }
    }

    private static Outcome eachNode(SlurmController ctl, String hostlist, Consumer<SimNode> change) {
        List<SimNode> targets = new ArrayList<>();
        for (var name : Hostlist.expand(hostlist)) {
            targets.add(ctl.node(name).orElseThrow(() -> new IllegalArgumentException("Invalid node name specified: " + name)));
        }
        targets.forEach(change);
        return Outcome.APPLIED;
    }

    private static Outcome onJob(SlurmController ctl, long jobId, Consumer<SimJob> change) {
        var job = ctl.job(jobId).orElseThrow(() -> new IllegalArgumentException("Invalid job id specified: " + jobId));
        if (job.state == SimJob.State.COMPLETED) {
            return Outcome.ALREADY_DONE;
        }
        change.accept(job);
        return Outcome.APPLIED;
    }
}
