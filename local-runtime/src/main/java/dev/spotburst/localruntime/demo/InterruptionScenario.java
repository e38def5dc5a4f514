package dev.spotburst.localruntime.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.functions.state.Counters;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.EventPattern;
import dev.spotburst.localcloud.EventTarget;
import dev.spotburst.localruntime.WorkflowExecution;
import dev.spotburst.localruntime.sim.SimJob;
import dev.spotburst.localruntime.sim.SimJobView;
import dev.spotburst.localruntime.sim.SimSettings;
import dev.spotburst.localruntime.sim.SimulatedSlurm;
import dev.spotburst.localruntime.sim.SlurmController;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.NodeName;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * {@code spotburst demo --scenario interruptions}: long jobs on a hibernating Spot group and on a terminate-behaviour
 * one, then, through the EC2 emulator's control API, (A) one interruption of each kind and a rebalance
 * recommendation for each group, and (B) a storm: every Spot pool holding those nodes reclaimed at once
 * ({@code interruptPool}), held for a few seconds, then given back ({@code setCapacity}). The control plane reacts
 * through the same rules and handlers as on AWS; the simulated Slurm only does what it is told (SlurmdTimeout=0).
 * Time is compressed where the emulator allows it: a terminate warning comes 2 s ahead instead of two minutes.
 */
final class InterruptionScenario {
    static final String NAME = "interruptions";
    static final Duration INTERRUPTION_NOTICE = Duration.ofSeconds(2);
    /** How long reclaimed capacity stays away: the hibernations last about this long. */
    static final Duration HOLD = Duration.ofSeconds(5);
    private static final int CAPACITY = 1000;

    private final DemoEnvironment env;
    private final Timeline timeline;
    private final Map<String, Integer> injected = new LinkedHashMap<>();
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
    private final NodeWatch watch = new NodeWatch();
    private final InterruptionPlan.Sizing sizing;
    /** "skipped: why", or "due" once phase A's hold outlasted the smallest MaxHibernationMinutes (0 = none). */
    private String rescue = "skipped";
    private int maxHibernationMinutes;

    private InterruptionScenario(DemoEnvironment env, Timeline timeline, InterruptionPlan.Sizing sizing) {
        this.env = env;
        this.timeline = timeline;
        this.sizing = sizing;
    }

    static InterruptionSummary run(ClusterConfig userConfig, DemoRunner.Options options, Timeline timeline) {
        return run(userConfig, options, InterruptionPlan.Sizing.DEMO, timeline);
    }

    static InterruptionSummary run(ClusterConfig userConfig, DemoRunner.Options options, InterruptionPlan.Sizing sizing,
                                   Timeline timeline) {
        var config = DemoConfig.adapt(userConfig, sizing.resumeTimeout(), DemoRunner.SUSPEND_TIME,
                DemoRunner.SUSPEND_TIMEOUT);
        var plan = InterruptionPlan.of(config, sizing);
        if (plan.targets().isEmpty()) {
            throw new IllegalArgumentException("scenario interruptions needs a Spot node group with "
                    + "InstanceInterruptionBehavior hibernate or terminate; the configuration has none");
        }
        var conf = config.plugin();
        var sim = new SimSettings(Math.max(1, conf.intSetting("ResumeRate", 300)), Math.max(1, conf.intSetting("SuspendRate", 60)),
                DemoRunner.SUSPEND_TIME, DemoRunner.SUSPEND_TIMEOUT, sizing.resumeTimeout(), Duration.ofMillis(250),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        timeline.line("starting local cloud + control plane for cluster " + config.clusterName() + "; interrupting "
                + plan.targets().stream().map(t -> t.group() + " (" + t.behaviour().wire() + ")").collect(Collectors.joining(", ")));
        try (var env = DemoEnvironment.start(config, new DemoEnvironment.Options(sim, Duration.ofSeconds(2), CAPACITY,
                Duration.ofSeconds(1), Duration.ofSeconds(1), INTERRUPTION_NOTICE, Duration.ofSeconds(1)), timeline::line)) {
            return new InterruptionScenario(env, timeline, sizing).drive(config, plan, options);
        }
    }

    private InterruptionSummary drive(ClusterConfig config, InterruptionPlan plan, DemoRunner.Options options) {
        env.cloud().eventBus().putRule("demo-timeline", EventPattern.builder().source("aws.ec2").build(),
                EventTarget.handler(this::narrate));
        env.controlPlane().onWorkflowEnd(this::narrate);
        double t0 = timeline.elapsedSeconds();
        double giveUp = t0 + options.deadline().toMillis() / 1000.0;
        var slurm = env.startSlurm(timeline::line);
        // All at once: one resume call for every node, so the run does not depend on where slurmctld's pass falls.
        slurm.submitAll(plan.jobs().stream().map(j -> new SlurmController.JobRequest(j.partition(), j.nodes(),
                j.duration())).toList());
        int targetJobs = plan.targets().stream().mapToInt(InterruptionPlan.Target::nodes).sum();
        Map<String, String> behaviourOf = new TreeMap<>();
        plan.targets().forEach(t -> config.nodeGroup(t.group()).orElseThrow().nodes()
                .forEach(n -> behaviourOf.put(n.toString(), t.behaviour().wire())));
        boolean running = waitUntil(giveUp, () -> slurm.nodes().stream().filter(n -> behaviourOf.containsKey(n.name())
                && n.jobId() != null && n.instanceId() != null).count() >= targetJobs
                && slurm.jobs().stream().noneMatch(j -> j.state() == SimJob.State.CONFIGURING
                || j.state() == SimJob.State.PENDING));
        watch.start(slurm.nodes(), behaviourOf::get, instancesById());
        if (!running) {
            timeline.line("deadline reached before every job ran; no interruption injected");
            return summarize(timeline.elapsedSeconds() - t0, slurm);
        }
        timeline.line("phase A: one interruption of each kind, one rebalance recommendation per group");
        var held = singles();
        watchFor(sizing.singleHold(), slurm);
        restore(held);
        watchFor(Duration.ofSeconds(2), slurm);
        timeline.line("phase B: storm, every Spot pool holding these nodes reclaimed at once");
        var pools = storm(behaviourOf);
        watchFor(HOLD, slurm);
        restore(pools);
        rescueNote(config);
        waitUntil(giveUp, () -> {
            watch.observe(slurm.nodes(), instancesById());
            return slurm.status().quiescent() && env.liveInstances().isEmpty() && env.controlPlane().eventsIdle();
        });
        var status = slurm.status();
        timeline.line(status.quiescent() ? "cluster settled: every node powered down, no job left"
                : "deadline reached before the cluster settled: " + status.nodeStates());
        env.cloud().eventBus().removeRule("demo-timeline");
        return summarize(timeline.elapsedSeconds() - t0, slurm);
    }

    /**
     * Phase A: interrupt the first node of each target group, rebalance-recommend the second. The hibernated one's
     * pool gets no spare capacity until {@link #restore} (else EC2 restarts the instance at once): returns that pool.
     */
    private List<List<String>> singles() {
        var held = new java.util.ArrayList<List<String>>();
        for (var behaviour : List.of(InterruptionBehavior.TERMINATE, InterruptionBehavior.HIBERNATE)) {
            var control = env.emulator().control();
            var ids = watch.instancesBefore(behaviour.wire()).stream()
                    .filter(id -> "running".equals(control.instance(id).state())).toList();
            if (!ids.isEmpty()) {
                if (behaviour == InterruptionBehavior.HIBERNATE) {
                    var i = control.instance(ids.get(0));
                    held.add(List.of(i.instanceType(), i.availabilityZone()));
                    control.setCapacity(i.instanceType(), i.availabilityZone(), "spot", 0);
                    count("set_capacity");
                }
                interrupted.add(ids.get(0));
                control.interrupt(ids.get(0));
                count("interrupt");
            }
            if (ids.size() > 1) {
                env.emulator().control().rebalance(ids.get(1));
                count("rebalance");
            }
        }
        return held;
    }

    private void restore(List<List<String>> pools) {
        for (var pool : pools) {
            env.emulator().control().setCapacity(pool.get(0), pool.get(1), "spot", CAPACITY);
            count("set_capacity");
        }
        timeline.line("capacity restored in " + pools.size() + " pool(s): " + pools);
    }

    /** Phase B: reclaim every Spot pool with a running instance of a target group (at most {@code sizing.stormLimit()} instances). */
    private List<List<String>> storm(Map<String, String> behaviourOf) {
        var byPool = new TreeMap<List<String>, Integer>(java.util.Comparator.comparing(Object::toString));
        var live = env.liveInstances();
        var names = env.nodeNames(live);
        for (var i : live) {
            String node = names.get(i.instanceId());
            if ("spot".equals(i.market()) && "running".equals(i.state()) && node != null && behaviourOf.containsKey(node)) {
                byPool.merge(List.of(i.instanceType(), i.availabilityZone()), 1, Integer::sum);
            }
        }
        var pools = new java.util.ArrayList<List<String>>();
        int hit = 0;
        for (var e : byPool.entrySet()) {
            if (hit + e.getValue() > sizing.stormLimit() && !pools.isEmpty()) {
                break;
            }
            var ids = env.emulator().control().interruptPool(e.getKey().get(0), e.getKey().get(1));
            interrupted.addAll(ids);
            hit += ids.size();
            pools.add(e.getKey());
            count("interrupt_pool");
        }
        injected.put("storm_instances", hit);
        timeline.line("storm: " + hit + " instance(s) interrupted in " + pools.size() + " pool(s), capacity 0 for "
                + HOLD.toSeconds() + " s");
        return pools;
    }

    private void rescueNote(ClusterConfig config) {
        maxHibernationMinutes = config.nodeGroups().filter(g -> g.hibernates())
                .mapToInt(g -> g.spotburst().maxHibernationMinutes()).filter(m -> m > 0).min().orElse(0);
        String why = maxHibernationMinutes == 0 ? "no hibernating group sets MaxHibernationMinutes"
                : sizing.singleHold().toSeconds() < maxHibernationMinutes * 60L
                ? "MaxHibernationMinutes=" + maxHibernationMinutes + " cannot elapse here: the control plane and the "
                + "emulator run on the real clock and a hibernation lasts " + sizing.singleHold().toSeconds() + " s"
                : null;
        rescue = why == null ? "due" : "skipped: " + why;
        timeline.line("rescue: " + (why == null ? "the hibernated node's pool stayed empty "
                + sizing.singleHold().toSeconds() + " s, past MaxHibernationMinutes=" + maxHibernationMinutes : rescue));
    }

    /** Which hibernate-behaviour nodes ended on an On-Demand instance other than the one they hibernated on. */
    private String rescueOutcome(List<InterruptionSummary.NodeOutcome> nodes, Map<String, InstanceView> byId) {
        if (!rescue.equals("due")) {
            return rescue;
        }
        var moved = nodes.stream().filter(n -> n.behaviour().equals("hibernate") && n.instanceAfter() != null
                && !n.instanceAfter().equals(n.instanceBefore()) && byId.containsKey(n.instanceAfter())
                && "on-demand".equals(byId.get(n.instanceAfter()).market())).toList();
        return "rescued " + moved.size() + " node(s) onto On-Demand after MaxHibernationMinutes="
                + maxHibernationMinutes + (moved.isEmpty() ? "" : ": " + moved.stream().map(n -> n.node() + " ("
                + n.instanceBefore() + " -> " + n.instanceAfter() + ", job " + n.jobState().toLowerCase()
                + ", restarts " + n.jobRestarts() + ")").collect(Collectors.joining(", ")));
    }

    private InterruptionSummary summarize(double seconds, SimulatedSlurm slurm) {
        var status = slurm.status();
        var f = RunFigures.of(env, status);
        var counters = Counters.totals(env.controlPlane().controlPlane().store.counters());
        List<SimJobView> jobs = slurm.jobs();
        var byId = instancesById();
        var outcomesOf = watch.outcomes(jobs, byId, interrupted);
        int survived = (int) jobs.stream().filter(j -> j.state() == SimJob.State.COMPLETED && j.restarts() == 0
                && j.pauses() > 0).count();
        long longestGap = jobs.stream().mapToLong(j -> j.longestGap().toMillis()).max().orElse(0);
        var routing = env.controlPlane().eventRouting();
        var outcomes = new TreeMap<String, Integer>();
        routing.workflows().forEach(w -> outcomes.merge(w.endState() == null ? w.status() : w.endState(), 1, Integer::sum));
        int lost = status.jobsSubmitted() - status.jobsCompleted();
        // Not OK either when nothing was injected (the jobs never all ran before the deadline): nothing was shown.
        boolean ok = f.orphans() == 0 && lost == 0 && !injected.isEmpty();
        return new InterruptionSummary(NAME, Math.round(seconds * 100) / 100.0, ok,
                status.jobsSubmitted(), status.jobsCompleted(), lost, status.requeues(),
                counters.getOrDefault(Counters.INTERRUPTIONS, 0L), counters.getOrDefault(Counters.INTERRUPTIONS_REQUEUED, 0L),
                counters.getOrDefault(Counters.HIBERNATIONS, 0L), counters.getOrDefault(Counters.HIBERNATIONS_SURVIVED, 0L),
                counters.getOrDefault(Counters.HIBERNATIONS_LOST, 0L), counters.getOrDefault(Counters.REBALANCES, 0L),
                survived, longestGap, Map.copyOf(injected), rescueOutcome(outcomesOf, byId), routing.ec2EventsHandled(),
                routing.ec2EventsDeadLettered(), routing.workflows().size(), outcomes, f.requested(), f.ready(),
                f.failed(), f.unaccounted(), f.failureReasons(), f.orphans(), f.leftoverInstances(), f.ec2Calls(),
                f.ec2CallsTotal(), f.mutatingEc2Calls(), f.mutatingEc2CallsPerNode(), f.launchRequestLatency(),
                DemoRunner.LATENCY_METHOD, f.commandsApplied(), f.handlerErrors(),
                outcomesOf);
    }

    /** Timeline lines for the EC2 events the control plane gets (warnings, rebalances, and interrupted instances' states). */
    private void narrate(String eventJson) {
        JsonNode e;
        try {
            e = Json.mapper().readTree(eventJson);
        } catch (IOException ex) {
            return;
        }
        var d = e.path("detail");
        String id = d.path("instance-id").asText();
        switch (e.path("detail-type").asText()) {
            case "EC2 Spot Instance Interruption Warning" -> {
                interrupted.add(id);
                timeline.line("EC2 event: Spot interruption warning " + id + " (" + nodeOf(id) + ", action "
                        + d.path("instance-action").asText() + ")");
            }
            case "EC2 Instance Rebalance Recommendation" ->
                    timeline.line("EC2 event: rebalance recommendation " + id + " (" + nodeOf(id) + ")");
            case "EC2 Instance State-change Notification" -> {
                if (interrupted.contains(id)) {
                    timeline.line("EC2 event: " + id + " (" + nodeOf(id) + ") " + d.path("state").asText());
                }
            }
            default -> { }
        }
    }

    private void narrate(WorkflowExecution w) {
        timeline.line("hibernation workflow for " + w.instanceId() + " (" + nodeOf(w.instanceId()) + "): "
                + w.status() + " at " + w.endState() + " after " + w.polls() + " poll(s), "
                + String.format("%.1f s", w.duration().toMillis() / 1000.0));
    }

    private String nodeOf(String instanceId) {
        try {
            String name = env.nodeNames(List.of(env.emulator().control().instance(instanceId))).get(instanceId);
            return name != null && NodeName.isNodeName(name) ? name : "not a node";
        } catch (IllegalArgumentException unknown) {
            return "unknown instance";
        }
    }

    private Map<String, InstanceView> instancesById() {
        var out = new java.util.HashMap<String, InstanceView>();
        env.emulator().control().instances().forEach(i -> out.put(i.instanceId(), i));
        return out;
    }

    private void count(String what) {
        injected.merge(what, 1, Integer::sum);
    }

    private void watchFor(Duration d, SimulatedSlurm slurm) {
        double until = timeline.elapsedSeconds() + d.toMillis() / 1000.0;
        while (timeline.elapsedSeconds() < until) {
            watch.observe(slurm.nodes(), instancesById());
            DemoRunner.sleepUntil(timeline, timeline.elapsedSeconds() + 0.25);
        }
    }

    /** False when {@code giveUp} came first. */
    private boolean waitUntil(double giveUp, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (timeline.elapsedSeconds() >= giveUp) {
                return false;
            }
            DemoRunner.sleepUntil(timeline, timeline.elapsedSeconds() + 0.25);
        }
        return true;
    }
}
