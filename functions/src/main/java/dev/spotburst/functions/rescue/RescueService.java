package dev.spotburst.functions.rescue;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.state.StateStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point for the scheduled reconcile (or a Step Functions task): finds the nodes hibernated past their group's
 * {@code MaxHibernationMinutes} and rescues them one after the other, at most {@code maxPerRun} per call so one
 * invocation stays inside its time budget (the rest are due again on the next tick).
 */
public final class RescueService {

    private final StateStore store;
    private final RescueWorkflow workflow;
    private final int maxPerRun;

    public RescueService(StateStore store, RescueWorkflow workflow, int maxPerRun) {
        this.store = store;
        this.workflow = workflow;
        this.maxPerRun = maxPerRun;
    }

    public List<RescueOutcome> rescueDue(ClusterConfig config, Instant now) {
        var groups = new ArrayList<RescueSnapshot.Group>();
        config.nodeGroups().filter(g -> g.hibernates() && g.spotburst().maxHibernationMinutes() > 0)
                .forEach(g -> groups.add(new RescueSnapshot.Group(g, store.nodes(g.id()))));
        var out = new ArrayList<RescueOutcome>();
        for (RescueStep step : RescuePlanner.plan(new RescueSnapshot(groups), now)) {
            if (out.size() >= maxPerRun) {
                break;
            }
            switch (step) {
                case RescueStep.Rescue r -> {
                    NodeGroupConfig g = config.nodeGroup(r.node().group()).orElseThrow();
                    out.add(workflow.run(g, r, now));
                }
            }
        }
        return out;
    }
}
