package dev.spotburst.functions.workflow;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.reconcile.ReconcileAction;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.functions.resume.NodeRequest;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda side of {@code launch.asl.json}: {@code launch} (resume the nodes), {@code checkRegistered} (which
 * nodes slurmd has registered, per the latest Slurm snapshot; READY is recorded) and {@code failUnregistered}
 * (give up on the rest: FAILED, NodeDown, terminate); and of {@code hibernation.asl.json} ({@link HibernationTasks},
 * and {@code rescueStep}: {@link RescueTasks}).
 * Idempotent like everything else: Step Functions retries.
 */
public final class WorkflowTasks {
    private final StateStore store;
    private final ResumeService resume;
    private final ReconcileExecutor executor;
    private final HibernationTasks hibernation;
    private final RescueTasks rescue;

    /** Without the rescue: {@code rescueStep} answers SKIPPED, so the workflow ends (callers that do not wire it). */
    public WorkflowTasks(StateStore store, ResumeService resume, ReconcileExecutor executor,
                         HibernationService hibernation) {
        this(store, resume, executor, hibernation, null);
    }

    public WorkflowTasks(StateStore store, ResumeService resume, ReconcileExecutor executor,
                         HibernationService hibernation, RescueService rescue) {
        this.store = store;
        this.resume = resume;
        this.executor = executor;
        this.hibernation = new HibernationTasks(store, hibernation);
        this.rescue = rescue == null ? null : new RescueTasks(store, rescue);
    }

    public Map<String, Object> run(ClusterConfig config, Map<String, Object> input, Instant now) {
        Object task = input.get("task");
        if ("rescueStep".equals(task)) {
            return rescueStep(config, input, now);
        }
        if ("hibernationStatus".equals(task) || "hibernationGiveUp".equals(task)) {
            String s = instanceId(input);
            return "hibernationStatus".equals(task) ? hibernation.status(config, s, now)
                    : hibernation.giveUp(config, s, input.get("stopTimeoutSeconds"), now);
        }
        String nodes = String.valueOf(input.get("nodes"));
        if (input.get("nodes") == null) {
            throw new IllegalArgumentException("field 'nodes' (hostlist) is required");
        }
        var names = Hostlist.expand(nodes).stream().map(NodeName::parse).toList();
        for (var n : names) {
            if (config.nodeGroupOf(n).isEmpty()) {
                throw new IllegalArgumentException("field 'nodes' names unknown node '" + n + "'");
            }
        }
        return switch (String.valueOf(task)) {
            case "launch" -> {
                var r = resume.resume(config, names.stream().map(NodeRequest::redrive).toList(), now);
                yield Map.of("nodes", nodes, "launched", r.launched().size(), "failed", r.failed().size());
            }
            case "checkRegistered" -> checkRegistered(config, names, nodes, now);
            case "failUnregistered" -> {
                var actions = new ArrayList<ReconcileAction>();
                for (var n : names) {
                    var rec = store.node(n);
                    if (rec.state() == NodeState.RESUMING || rec.state() == NodeState.LAUNCHED) {
                        actions.add(new ReconcileAction.FailLaunch(rec, "spotburst: not registered within ResumeTimeout="
                                + config.plugin().resumeTimeoutSeconds() + "s"));
                    }
                }
                executor.execute(config, actions, now);
                yield Map.of("nodes", nodes, "failed", actions.size());
            }
            default -> throw new IllegalArgumentException("field 'task' must be launch, checkRegistered, failUnregistered, "
                    + "hibernationStatus, hibernationGiveUp or rescueStep, got '" + task + "'");
        };
    }

    private Map<String, Object> rescueStep(ClusterConfig config, Map<String, Object> input, Instant now) {
        String id = instanceId(input);
        if (rescue == null) {
            // As before the rescue was wired: the workflow ends and leaves the node to whoever drives the rescue.
            return Map.of("phase", "SKIPPED", "why", "this workflow function was built without the rescue");
        }
        Object node = input.get("node");
        if (!(node instanceof String s) || config.nodeGroupOf(parseNode(s)).isEmpty()) {
            throw new IllegalArgumentException("field 'node' must name a node of this cluster, got '" + node + "'");
        }
        return rescue.step(config, NodeName.parse(s), id, now);
    }

    private static NodeName parseNode(String s) {
        try {
            return NodeName.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'node' must be a node name, got '" + s + "'", e);
        }
    }

    private static String instanceId(Map<String, Object> input) {
        Object id = input.get("instanceId");
        if (!(id instanceof String s) || !s.matches("i-[0-9a-f]{8,17}")) {
            throw new IllegalArgumentException("field 'instanceId' must be an EC2 instance id, got '" + id + "'");
        }
        return s;
    }

    private Map<String, Object> checkRegistered(ClusterConfig config, List<NodeName> names, String nodes, Instant now) {
        var slurm = store.latestSlurmSnapshot().map(s -> s.nodes().stream()
                .collect(java.util.stream.Collectors.toMap(SlurmSnapshot.Node::name, x -> x, (a, b) -> a))).orElse(Map.of());
        var ready = new ArrayList<ReconcileAction>();
        int pending = 0;
        for (var n : names) {
            var rec = store.node(n);
            var s = slurm.get(n.toString());
            boolean registered = s != null && !"DOWN".equalsIgnoreCase(s.state()) && !s.has("POWERED_DOWN")
                    && !s.has("POWERING_UP") && !s.has("NOT_RESPONDING");
            if (rec.state() == NodeState.LAUNCHED && registered) {
                ready.add(new ReconcileAction.MarkReady(rec));
            } else if (rec.state() == NodeState.RESUMING || rec.state() == NodeState.LAUNCHED) {
                pending++;
            }
        }
        executor.execute(config, ready, now);
        var out = new LinkedHashMap<String, Object>();
        out.put("nodes", nodes);
        out.put("pending", pending);
        out.put("allRegistered", pending == 0);
        return out;
    }
}
