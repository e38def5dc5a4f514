package dev.spotburst.functions.workflow;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.rescue.RescueOutcome;
import dev.spotburst.functions.rescue.RescueService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda side of the rescue loop in {@code hibernation.asl.json}: {@code rescueStep} advances the rescue of the
 * node whose Spot instance the workflow watches by one step (never waits; docs/rescue.md) and reports the phase:
 * {@code RESCUING} (poll again), {@code RESCUED} (READY on its On-Demand twin), {@code FAILED} (node DOWN, jobs
 * requeued) or {@code SKIPPED} (not due any more: Spot capacity came back, Slurm powered it down, …).
 * The scheduled reconcile advances the same rescue; the node's rescue lease keeps the two from overlapping.
 */
final class RescueTasks {
    private final StateStore store;
    private final RescueService rescue;

    RescueTasks(StateStore store, RescueService rescue) {
        this.store = store;
        this.rescue = rescue;
    }

    Map<String, Object> step(ClusterConfig config, NodeName node, String spotInstanceId, Instant now) {
        var out = new LinkedHashMap<String, Object>();
        out.put("node", node.toString());
        var outcome = rescue.rescueNode(config, node, now);
        if (outcome.isEmpty()) {
            // Not due: maybe because the other driver (the reconcile tick) already finished it.
            var rec = store.node(node);
            boolean rescuedElsewhere = rec.state() == NodeState.READY && rec.market() == Market.ON_DEMAND
                    && rec.instanceId() != null && !rec.instanceId().equals(spotInstanceId);
            out.put("phase", rescuedElsewhere ? "RESCUED" : "SKIPPED");
            if (rescuedElsewhere) {
                out.put("instanceId", rec.instanceId());
            } else {
                out.put("why", "node is " + rec.state() + " on " + rec.instanceId());
            }
            return out;
        }
        switch (outcome.get()) {
            case RescueOutcome.Rescued r -> {
                out.put("phase", "RESCUED");
                out.put("instanceId", r.instanceId());
            }
            case RescueOutcome.InProgress p -> {
                out.put("phase", "RESCUING");
                out.put("waitingFor", p.waitingFor());
            }
            case RescueOutcome.Failed f -> {
                out.put("phase", "FAILED");
                out.put("code", f.code());
            }
            case RescueOutcome.Skipped s -> {
                out.put("phase", "SKIPPED");
                out.put("why", s.why());
            }
        }
        return out;
    }
}
