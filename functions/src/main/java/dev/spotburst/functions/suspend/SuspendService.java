package dev.spotburst.functions.suspend;

import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.resume.NodeRequest;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Suspend and resume-fail: mark SUSPENDING, cancel persistent Spot requests first (or EC2 relaunches the
 * instance), terminate, and mark POWERED_DOWN only once EC2 confirms (shutting-down, terminated or NotFound).
 * A request older than the last one seen is left alone; one for a node already powered down only records its time
 * (a conditional write raising {@code lastRequestAt}) so that older requests delivered after it are stale.
 */
public final class SuspendService {
    private static final Logger log = LoggerFactory.getLogger(SuspendService.class);

    public record Result(Set<NodeName> poweredDown, Set<NodeName> skipped, Set<NodeName> pending) {
    }

    private final StateStore store;
    private final InstanceInventory inventory;

    public SuspendService(StateStore store, InstanceInventory inventory) {
        this.store = store;
        this.inventory = inventory;
    }

    /** @param bootFailure resume-fail: the node never registered; counts toward the group's protection */
    public Result suspend(List<NodeRequest> requests, boolean bootFailure, int protectAfterBootFailures, Instant now) {
        var skipped = new TreeSet<NodeName>();
        var pending = new TreeSet<NodeName>();
        var suspending = new TreeMap<NodeName, NodeRecord>();
        var bootFailures = new TreeMap<NodeGroupId, Integer>();
        for (var req : requests) {
            var rec = store.node(req.node());
            if (rec.isStale(req.issuedAt())) {
                skipped.add(req.node());
                continue;
            }
            if (rec.state() == NodeState.POWERED_DOWN || rec.state() == NodeState.SUSPENDING) {
                // Nothing to start, but remember the request's time so an older resume delivered later is stale.
                if (rec.isNewerRequest(req.issuedAt())) {
                    var seen = rec.requestSeen(req.issuedAt());
                    if (!store.transition(rec, seen)) {
                        pending.add(req.node());
                        continue;
                    }
                    rec = seen;
                }
                if (rec.state() == NodeState.POWERED_DOWN) {
                    skipped.add(req.node());
                } else {
                    suspending.put(req.node(), rec); // a previous attempt stopped part-way
                }
                continue;
            }
            var next = rec.suspending(now, req.issuedAt());
            if (store.transition(rec, next)) {
                suspending.put(req.node(), next);
                if (bootFailure && (rec.state() == NodeState.RESUMING || rec.state() == NodeState.LAUNCHED)) {
                    bootFailures.merge(req.node().group(), 1, Integer::sum);
                }
            } else {
                pending.add(req.node());
            }
        }
        var poweredDown = reclaim(suspending.values(), now, pending);
        bootFailures.forEach((g, n) -> countBootFailures(g, n, protectAfterBootFailures, now));
        return new Result(poweredDown, skipped, pending);
    }

    private Set<NodeName> reclaim(java.util.Collection<NodeRecord> records, Instant now, Set<NodeName> pending) {
        var spot = records.stream().map(NodeRecord::spotRequestId).filter(s -> s != null).toList();
        if (!spot.isEmpty()) {
            inventory.cancelSpotRequests(spot);
        }
        var ids = records.stream().map(NodeRecord::instanceId).filter(s -> s != null).toList();
        Map<String, String> states = ids.isEmpty() ? Map.of() : inventory.terminate(ids);
        var done = new TreeSet<NodeName>();
        for (var rec : records) {
            String state = rec.instanceId() == null ? "terminated" : states.getOrDefault(rec.instanceId(), "unknown");
            if (!"shutting-down".equals(state) && !"terminated".equals(state)) {
                log.warn("instance not terminated yet, will retry: {} {} {}", entry("node", rec.node().toString()),
                        entry("instanceId", rec.instanceId()), entry("state", state));
                pending.add(rec.node());
                continue;
            }
            if (store.transition(rec, rec.poweredDown(now))) {
                if (rec.instanceId() != null) {
                    store.closeLaunch(rec.instanceId(), now);
                }
                done.add(rec.node());
            } else {
                pending.add(rec.node());
            }
        }
        log.info("suspend done: {} {}", entry("poweredDown", done.size()), entry("pending", pending.size()));
        return done;
    }

    private void countBootFailures(NodeGroupId group, int count, int protectAfter, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            var g = store.group(group);
            var next = g;
            for (int i = 0; i < count; i++) {
                next = next.bootFailed(protectAfter, now);
            }
            // bootFailed bumps the version per call; the store wants exactly +1.
            next = new dev.spotburst.functions.state.NodeGroupRecord(next.group(), g.version() + 1,
                    next.consecutiveBootFailures(), next.protectedSince(), next.lastCapacityErrors(), now);
            if (store.updateGroup(g, next)) {
                if (next.isProtected() && !g.isProtected()) {
                    log.error("node group {} is now protected after {} boot failures", group, next.consecutiveBootFailures());
                }
                return;
            }
        }
    }
}
