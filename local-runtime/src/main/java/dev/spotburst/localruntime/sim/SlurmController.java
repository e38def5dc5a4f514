package dev.spotburst.localruntime.sim;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.localruntime.sim.SimNode.Power;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * slurmctld's scheduling and power saving for the cloud nodes of a {@link ClusterConfig}, with time passed in.
 * Each {@link #pass} does what slurmctld's main loop and power-save thread do: finish jobs, complete power-downs,
 * time out power-ups (down~ + ResumeFailProgram, job requeued), schedule pending jobs by node Weight (powered-up
 * nodes first), start jobs whose nodes all registered, suspend nodes idle for SuspendTime, and return the
 * power-save calls to make: at most ResumeRate nodes per resume call. Thread-safe (one lock).
 */
public final class SlurmController {
    private static final Comparator<SimNode> PREFERENCE = Comparator.<SimNode>comparingInt(n -> n.weight)
            .thenComparingInt(n -> switch (n.power) {
                case ON -> 0;
                case POWERING_UP -> 1;
                default -> 2;
            })
            .thenComparing(n -> n.name);

    private final SimSettings settings;
    private final SimEvents events;
    private final Map<NodeName, SimNode> nodes = new TreeMap<>();
    private final Map<String, List<SimNode>> partitions = new LinkedHashMap<>();
    private final Map<Long, SimJob> jobs = new TreeMap<>();
    private final List<SimNode> resumeQueue = new ArrayList<>();
    private final List<SimNode> resumeFailed = new ArrayList<>();
    private long nextJobId = 1;

    public SlurmController(ClusterConfig config, SimSettings settings, SimEvents events) {
        this.settings = settings;
        this.events = events;
        for (var p : config.partitions()) {
            var list = new ArrayList<SimNode>();
            for (NodeGroupConfig g : p.nodeGroups()) {
                int weight = g.spotburst().weight() == null ? 1 : g.spotburst().weight();
                g.nodes().forEach(n -> {
                    var node = new SimNode(n, weight);
                    nodes.put(n, node);
                    list.add(node);
                });
            }
            partitions.put(p.partitionName(), list);
        }
    }

    public SimSettings settings() {
        return settings;
    }

    public synchronized long submit(String partition, int nodeCount, Duration duration, Instant now) {
        var members = partitions.get(partition);
        if (members == null) {
            throw new IllegalArgumentException("unknown partition '" + partition + "'; known: " + partitions.keySet());
        }
        if (nodeCount < 1 || nodeCount > members.size()) {
            throw new IllegalArgumentException("job needs 1.." + members.size() + " nodes of " + partition + ", got " + nodeCount);
        }
        var job = new SimJob(nextJobId++, partition, nodeCount, duration, now);
        jobs.put(job.id, job);
        return job.id;
    }

    /** Several {@code sbatch} calls between two scheduler passes; returns the job ids in order. */
    public synchronized List<Long> submitAll(List<JobRequest> requests, Instant now) {
        return requests.stream().map(r -> submit(r.partition(), r.nodes(), r.duration(), now)).toList();
    }

    /** One {@code sbatch -p <partition> -N <nodes>} running for {@code duration}. */
    public record JobRequest(String partition, int nodes, Duration duration) {
    }

    /** One turn of slurmctld; returns the power-save programs to call now, in the order Slurm would. */
    public synchronized List<PowerSaveCall> pass(Instant now) {
        var calls = new ArrayList<PowerSaveCall>();
        finishJobs(now);
        finishPowerDowns(now);
        timeOutPowerUps(now);
        schedule(now);
        startJobs(now);
        if (!resumeFailed.isEmpty()) {
            calls.add(call(PowerSaveRequest.Kind.RESUME_FAIL, resumeFailed, List.of()));
            resumeFailed.clear();
        }
        var suspend = suspendCandidates(now);
        for (int i = 0; i < suspend.size(); i += settings.suspendRate()) {
            calls.add(call(PowerSaveRequest.Kind.SUSPEND, suspend.subList(i, Math.min(suspend.size(), i + settings.suspendRate())), List.of()));
        }
        if (!resumeQueue.isEmpty()) {
            var batch = new ArrayList<>(resumeQueue.subList(0, Math.min(resumeQueue.size(), settings.resumeRate())));
            resumeQueue.removeAll(batch);
            batch.forEach(n -> {
                n.resumeCalledAt = now;
                n.everResumed = true;
            });
            calls.add(call(PowerSaveRequest.Kind.RESUME, batch, jobsOf(batch)));
        }
        return calls;
    }

    /** slurmd -b on a POWERING_UP node: registration with its address (cloud_reg_addrs). Ignored otherwise. */
    public synchronized boolean register(NodeName name, String address, Instant now) {
        return register(name, new ObservedInstance(null, "running", address, null), now);
    }

    /** As {@link #register(NodeName, String, Instant)}, remembering the instance slurmd runs on. */
    public synchronized boolean register(NodeName name, ObservedInstance instance, Instant now) {
        var n = nodes.get(name);
        if (n == null || n.power != Power.POWERING_UP || n.resumeCalledAt == null) {
            return false;
        }
        String address = instance.privateIp();
        n.setPower(Power.ON, now);
        n.instanceId = instance.instanceId();
        n.memory = instance.memory();
        n.address = address;
        n.everRegistered = true;
        n.idleSince = now;
        events.emit("node " + name + " registered " + address);
        return true;
    }

    /** Nodes whose ResumeProgram was called and that wait for slurmd, with when the call was made. */
    public synchronized Map<NodeName, Instant> awaitingRegistration() {
        var out = new TreeMap<NodeName, Instant>();
        nodes.values().stream().filter(n -> n.power == Power.POWERING_UP && n.resumeCalledAt != null)
                .forEach(n -> out.put(n.name, n.resumeCalledAt));
        return out;
    }

    public synchronized SlurmSnapshot snapshot(String cluster, Instant now) {
        return new SlurmSnapshot(SlurmSnapshot.SCHEMA_VERSION, now, cluster,
                nodes.values().stream().map(SimNode::snapshot).toList());
    }

    public synchronized SimStatus status() {
        return SimStatus.of(nodes.values(), jobs.values());
    }

    /** The instances of registered nodes as they are now: freezes, thaws and losses (see {@link FrozenNodes}). */
    public synchronized void observeInstances(Map<String, ObservedInstance> byInstanceId, Instant now) {
        FrozenNodes.observe(this, nodes.values(), jobs.values(), byInstanceId, now, events);
    }

    public synchronized List<SimJobView> jobs() {
        return jobs.values().stream().map(SimJobView::of).toList();
    }

    public synchronized List<SimNodeView> nodes() {
        return nodes.values().stream().map(SimNodeView::of).toList();
    }

    // ---- used by SimCommands under this lock ----

    Optional<SimNode> node(String name) {
        return NodeName.isNodeName(name) ? Optional.ofNullable(nodes.get(NodeName.parse(name))) : Optional.empty();
    }

    Optional<SimJob> job(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    SimNode nodeOf(NodeName name) {
        return nodes.get(name);
    }

    /** What the head-node agent's {@code scontrol update} does; see {@link SimCommands}. */
    public synchronized dev.spotburst.messages.CommandResult apply(dev.spotburst.messages.CommandMessage command, Instant now) {
        return SimCommands.apply(this, command, now, events);
    }

    /** Back to the queue (Restarts+1); its nodes are released. */
    void requeue(SimJob job, Instant now, String why) {
        if (job.state == SimJob.State.COMPLETED || job.state == SimJob.State.PENDING) {
            return;
        }
        for (var name : job.nodes) {
            var n = nodes.get(name);
            if (n.jobId != null && n.jobId == job.id) {
                n.jobId = null;
                n.idleSince = now;
                if (resumeQueue.remove(n)) {
                    n.setPower(Power.OFF, now); // ResumeProgram was never called for it
                }
            }
        }
        job.nodes.clear();
        job.pausedSince = null;
        job.state = SimJob.State.PENDING;
        job.restarts++;
        job.remaining = job.duration;
        job.eligibleAt = now.plus(settings.requeueDelay());
        events.emit("job " + job.id + " requeued (" + why + ")");
    }

    /**
     * {@code scontrol update State=POWER_UP}: an {@code idle~} node goes {@code idle#} and ResumeProgram is called for
     * it on the next pass (slurm-findings §6); a node that is not powered down, is DOWN or drained is left as it is.
     */
    void powerUp(SimNode n, Instant now) {
        if (n.power != Power.OFF || n.down || n.drain || n.jobId != null) {
            return;
        }
        n.setPower(Power.POWERING_UP, now);
        n.resumeCalledAt = null;
        n.idleSince = now;
        resumeQueue.add(n);
        events.emit("node " + n.name + " POWER_UP → " + n.stateText());
    }

    /** POWER_DOWN_FORCE or an idle power-down: SuspendProgram is called on the next pass. */
    void powerDownNow(SimNode n, Instant now) {
        n.powerDownPending = true;
        n.idleSince = Instant.EPOCH;
        if (resumeQueue.remove(n)) {
            n.setPower(Power.OFF, now);
        }
    }

    // ---- the pass ----

    private void finishJobs(Instant now) {
        for (var job : jobs.values()) {
            if (job.state == SimJob.State.RUNNING && job.pausedSince == null && !job.endsAt.isAfter(now)) {
                job.state = SimJob.State.COMPLETED;
                job.completedAt = now;
                for (var name : job.nodes) {
                    var n = nodes.get(name);
                    n.jobId = null;
                    n.idleSince = now;
                }
                events.emit("job " + job.id + " done on " + Hostlist.compress(job.nodes.stream().map(NodeName::toString).toList()));
            }
        }
    }

    private void finishPowerDowns(Instant now) {
        for (var n : nodes.values()) {
            if (n.power == Power.POWERING_DOWN && !n.powerSince.plus(settings.suspendTimeout()).isAfter(now)) {
                n.setPower(Power.OFF, now);
                n.address = null;
                n.powerDownPending = false;
            }
        }
    }

    private void timeOutPowerUps(Instant now) {
        for (var n : nodes.values()) {
            if (n.power == Power.POWERING_UP && n.resumeCalledAt != null
                    && !n.resumeCalledAt.plus(settings.resumeTimeout()).isAfter(now)) {
                n.setPower(Power.OFF, now);
                n.down = true;
                n.reason = "ResumeTimeout reached";
                n.lastFailure = n.reason;
                n.resumeCalledAt = null;
                events.emit("node " + n.name + " down~ (ResumeTimeout reached)");
                if (n.jobId != null) {
                    requeue(jobs.get(n.jobId), now, "node " + n.name + " never registered");
                }
                resumeFailed.add(n);
            }
        }
    }

    private void schedule(Instant now) {
        for (var job : jobs.values()) {
            if (job.state != SimJob.State.PENDING || job.eligibleAt.isAfter(now)) {
                continue;
            }
            var free = partitions.get(job.partition).stream().filter(SimNode::allocatable).sorted(PREFERENCE).toList();
            if (free.size() < job.nodeCount) {
                continue;
            }
            var chosen = free.subList(0, job.nodeCount);
            for (var n : chosen) {
                n.jobId = job.id;
                job.nodes.add(n.name);
                if (n.power == Power.OFF) {
                    n.setPower(Power.POWERING_UP, now);
                    n.resumeCalledAt = null;
                    n.reason = null;
                    resumeQueue.add(n);
                }
            }
            job.state = SimJob.State.CONFIGURING;
            events.emit("job " + job.id + " allocated " + Hostlist.compress(job.nodes.stream().map(NodeName::toString).toList()));
        }
    }

    private void startJobs(Instant now) {
        for (var job : jobs.values()) {
            if (job.state == SimJob.State.CONFIGURING
                    && job.nodes.stream().allMatch(name -> nodes.get(name).power == Power.ON)) {
                job.state = SimJob.State.RUNNING;
                job.endsAt = now.plus(job.remaining);
                events.emit("job " + job.id + " running on " + Hostlist.compress(job.nodes.stream().map(NodeName::toString).toList()));
            }
        }
    }

    private List<SimNode> suspendCandidates(Instant now) {
        var out = new ArrayList<SimNode>();
        for (var n : nodes.values()) {
            if (n.jobId != null) {
                continue;
            }
            boolean idleLongEnough = n.power == Power.ON && !n.idleSince.plus(settings.suspendTime()).isAfter(now);
            boolean forced = n.powerDownPending && (n.power == Power.ON || n.power == Power.POWERING_UP || n.power == Power.OFF);
            if (idleLongEnough || forced) {
                n.setPower(Power.POWERING_DOWN, now);
                n.resumeCalledAt = null;
                out.add(n);
            }
        }
        return out;
    }

    private static PowerSaveCall call(PowerSaveRequest.Kind kind, List<SimNode> batch, List<PowerSaveRequest.JobNodes> jobs) {
        var names = batch.stream().map(n -> n.name).sorted().toList();
        return new PowerSaveCall(kind, Hostlist.compress(names.stream().map(NodeName::toString).toList()), names, jobs);
    }

    private List<PowerSaveRequest.JobNodes> jobsOf(List<SimNode> batch) {
        var byJob = new TreeMap<Long, List<String>>();
        batch.stream().filter(n -> n.jobId != null).forEach(n -> byJob.computeIfAbsent(n.jobId, j -> new ArrayList<>()).add(n.name.toString()));
        return byJob.entrySet().stream().map(e -> new PowerSaveRequest.JobNodes(e.getKey(), Hostlist.compress(e.getValue()))).toList();
    }
}
