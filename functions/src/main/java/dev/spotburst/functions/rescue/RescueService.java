package dev.spotburst.functions.rescue;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Entry point of the rescue for the scheduled reconcile ({@link #rescueDue}) and the hibernation workflow
 * ({@link #rescueNode}): finds the nodes hibernated past their group's {@code MaxHibernationMinutes} and advances
 * their rescue, at most {@code maxPerRun} nodes per call (longest-waiting first, so rescues already under way come
 * first; the rest are due again on the next tick). With {@link RescuePolling#stepwise} each node costs a handful of
 * EC2 calls per call and no waiting (docs/rescue.md, "Wiring").
 */
public final class RescueService {
    private static final Logger log = LoggerFactory.getLogger(RescueService.class);

    /** Step mode costs ≤ ~15 EC2 calls per node and call; 10 keeps a reconcile tick well inside its timeout. */
    public static final int DEFAULT_MAX_PER_RUN = 10;

    private final StateStore store;
    private final RescueWorkflow workflow;
    private final int maxPerRun;
    private final ControlPlaneMetrics metrics;

    public RescueService(StateStore store, RescueWorkflow workflow, int maxPerRun) {
        this(store, workflow, maxPerRun, ControlPlaneMetrics.NONE);
    }

    public RescueService(StateStore store, RescueWorkflow workflow, int maxPerRun, ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        if (maxPerRun < 1) {
            throw new IllegalArgumentException("maxPerRun must be at least 1, got " + maxPerRun);
        }
        this.store = store;
        this.workflow = workflow;
        this.maxPerRun = maxPerRun;
    }

    public List<RescueOutcome> rescueDue(ClusterConfig config, Instant now) {
        return rescueDue(config, List.of(), now);
    }

    /** @param only node groups to look at; empty means all */
    public List<RescueOutcome> rescueDue(ClusterConfig config, Collection<NodeGroupId> only, Instant now) {
        var groups = new ArrayList<RescueSnapshot.Group>();
        config.nodeGroups().filter(g -> only.isEmpty() || only.contains(g.id()))
                .filter(g -> g.hibernates() && g.spotburst().maxHibernationMinutes() > 0)
                .forEach(g -> groups.add(new RescueSnapshot.Group(g, store.nodes(g.id()))));
        var due = RescuePlanner.plan(new RescueSnapshot(groups), now);
        if (due.size() > maxPerRun) {
            log.info("rescue: {} node(s) due, {} left for the next run", due.size(), due.size() - maxPerRun);
        }
        var out = new ArrayList<RescueOutcome>();
        for (RescueStep step : due.subList(0, Math.min(maxPerRun, due.size()))) {
            out.add(perform(config, step, now));
        }
        return out;
    }

    /** One node, if it is due now (the hibernation workflow's {@code rescueStep}); empty when it is not. */
    public Optional<RescueOutcome> rescueNode(ClusterConfig config, NodeName node, Instant now) {
        Optional<NodeGroupConfig> g = config.nodeGroupOf(node);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        var snapshot = new RescueSnapshot(List.of(new RescueSnapshot.Group(g.get(), List.of(store.node(node)))));
        return RescuePlanner.plan(snapshot, now).stream().findFirst().map(step -> perform(config, step, now));
    }

    private RescueOutcome perform(ClusterConfig config, RescueStep step, Instant now) {
        RescueOutcome o = switch (step) {
            case RescueStep.Rescue r -> workflow.run(config.nodeGroup(r.node().group()).orElseThrow(), r, now);
        };
        switch (o) {
            case RescueOutcome.Rescued r -> metrics.record(new ControlPlaneMetric.RescueDone());
            case RescueOutcome.Failed f -> metrics.record(new ControlPlaneMetric.RescueFailed());
            case RescueOutcome.InProgress p -> { }
            case RescueOutcome.Skipped s -> { }
        }
        switch (o) {
            case RescueOutcome.Rescued r -> log.warn("rescued onto On-Demand: {} {} {} {}", entry("node", r.node().toString()),
                    entry("fromInstanceId", r.fromInstanceId()), entry("instanceId", r.instanceId()),
                    entry("privateIp", r.privateIp()));
            case RescueOutcome.Failed f -> log.error("rescue failed: {} {} {}", entry("node", f.node().toString()),
                    entry("code", f.code()), entry("reason", f.reason()));
            case RescueOutcome.InProgress p -> log.info("rescue in progress: {} {}", entry("node", p.node().toString()),
                    entry("waitingFor", p.waitingFor()));
            case RescueOutcome.Skipped s -> log.info("rescue skipped: {} {}", entry("node", s.node().toString()),
                    entry("why", s.why()));
        }
        return o;
    }
}
