package dev.spotburst.localruntime.sim;

import dev.spotburst.localruntime.sim.SimNode.Power;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What happens to slurmd and the job processes on a node when its instance changes under them, and what slurmctld
 * notices of it with {@code SlurmdTimeout=0} (slurm-findings §5): nothing. A stopping/stopped (hibernating)
 * instance freezes its processes: the job's progress and output pause, the node stays {@code allocated}. The same
 * instance running again with its memory resumes them where they stopped. A terminated instance takes them with it,
 * and Slurm is not told: the job stays allocated, making no progress, until the control plane sends DOWN or
 * POWER_DOWN_FORCE (applied by {@link SimCommands}). Only a cold boot is noticed by Slurm itself: slurmd registers
 * with a new boot time and no jobs, and slurmctld sets the node DOWN "Node unexpectedly rebooted", requeueing the
 * job. A hibernated node's memory that comes up on another instance (a rescue moved the root volume with its
 * hibernation image onto an On-Demand twin, docs/rescue.md) takes slurmd and the job there: the node follows it and
 * thaws; slurmctld only learns the new address when told ({@code NodeAddr}). Runs under the controller's lock.
 */
final class FrozenNodes {
    private FrozenNodes() {
    }

    static void observe(SlurmController ctl, Collection<SimNode> nodes, Collection<SimJob> jobs,
                        Map<String, ObservedInstance> byId, Instant now, SimEvents events) {
        for (SimNode n : nodes) {
            if (n.power != Power.ON || n.instanceId == null) {
                continue;
            }
            ObservedInstance i = byId.get(n.instanceId);
            String state = i == null ? "terminated" : i.state();
            if (!"running".equals(state) && moved(n, byId, now, events)) {
                continue;
            }
            switch (state) {
                case "running" -> {
                    if (n.memory != null && i.memory() != null && !n.memory.equals(i.memory())) {
                        rebooted(ctl, n, i, now, events);
                    } else if (n.frozenSince != null && !n.instanceGone) {
                        events.emit("node " + n.name + " thawed: instance " + n.instanceId + " running again at "
                                + i.privateIp() + " after " + seconds(Duration.between(n.frozenSince, now))
                                + (n.jobId == null ? "" : ", job " + n.jobId + " continues"));
                        n.frozenSince = null;
                    }
                }
                case "pending", "stopping", "stopped" -> {
                    if (n.frozenSince == null) {
                        n.frozenSince = now;
                        events.emit("node " + n.name + " frozen: instance " + n.instanceId + " " + state
                                + (n.jobId == null ? "" : ", job " + n.jobId + " paused (Slurm keeps it allocated)"));
                    }
                }
                default -> {
                    if (!n.instanceGone) {
                        n.instanceGone = true;
                        if (n.frozenSince == null) {
                            n.frozenSince = now;
                        }
                        events.emit("node " + n.name + ": instance " + n.instanceId + " " + state
                                + (n.jobId == null ? "" : " under job " + n.jobId
                                + "; Slurm does not notice (SlurmdTimeout=0) until told"));
                    }
                }
            }
        }
        for (SimJob job : jobs) {
            if (job.state != SimJob.State.RUNNING) {
                continue;
            }
            boolean paused = job.nodes.stream().map(ctl::nodeOf).anyMatch(n -> n.frozenSince != null);
            if (paused && job.pausedSince == null) {
                job.pausedSince = now;
                job.remaining = job.endsAt.isAfter(now) ? Duration.between(now, job.endsAt) : Duration.ZERO;
            } else if (!paused && job.pausedSince != null) {
                Duration gap = Duration.between(job.pausedSince, now);
                job.pauses++;
                if (gap.compareTo(job.longestGap) > 0) {
                    job.longestGap = gap;
                }
                job.endsAt = now.plus(job.remaining);
                job.pausedSince = null;
                events.emit("job " + job.id + " output resumes after a gap of " + seconds(gap));
            }
        }
    }

    /** True when the node's memory runs on another instance now: the node is rebound there and thaws. */
    private static boolean moved(SimNode n, Map<String, ObservedInstance> byId, Instant now, SimEvents events) {
        if (n.memory == null) {
            return false;
        }
        var to = byId.values().stream().filter(o -> "running".equals(o.state()) && n.memory.equals(o.memory())
                && !o.instanceId().equals(n.instanceId)).findFirst();
        if (to.isEmpty()) {
            return false;
        }
        events.emit("node " + n.name + " thawed on instance " + to.get().instanceId() + " at " + to.get().privateIp()
                + ": its memory moved there from " + n.instanceId
                + (n.frozenSince == null ? "" : " after " + seconds(Duration.between(n.frozenSince, now)))
                + (n.jobId == null ? "" : ", job " + n.jobId + " continues"));
        n.instanceId = to.get().instanceId();
        n.instanceGone = false;
        n.frozenSince = null;
        return true;
    }

    /** slurmd came back from a cold boot: Slurm's own check, the only one that still works with SlurmdTimeout=0. */
    private static void rebooted(SlurmController ctl, SimNode n, ObservedInstance i, Instant now, SimEvents events) {
        n.memory = i.memory();
        n.frozenSince = null;
        n.down = true;
        n.reason = "Node unexpectedly rebooted";
        events.emit("node " + n.name + " down: instance " + n.instanceId + " booted cold (memory lost)");
        if (n.jobId != null) {
            ctl.job(n.jobId).ifPresent(j -> ctl.requeue(j, now, "node " + n.name + " unexpectedly rebooted"));
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
