package dev.spotburst.functions.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides what is left to remove from a region, given one snapshot. Pure. Order matters and is fixed: cancel Spot
 * requests (a persistent request relaunches a terminated instance), then delete fleets (a maintain fleet replaces
 * one), then terminate instances. Batches respect the EC2 per-call limits.
 */
public final class CleanupPlanner {

    /** CancelSpotInstanceRequests: kept well under the request-size limits of the Query API. */
    public static final int CANCEL_BATCH = 200;
    /** DeleteFleets (API Reference): up to 25 instant fleets per call... */
    public static final int DELETE_INSTANT_FLEETS_BATCH = 25;
    /** ...and up to 100 maintain or request fleets per call. */
    public static final int DELETE_FLEETS_BATCH = 100;
    /** TerminateInstances: at most 1000 instance ids per call. */
    public static final int TERMINATE_BATCH = 1000;

    /** Requests that can still launch or relaunch an instance. */
    static final Set<String> LIVE_REQUEST_STATES = Set.of("open", "active", "disabled");
    /** Fleets that can still launch; deleted_running / deleted_terminating / deleted / failed cannot. */
    static final Set<String> LIVE_FLEET_STATES = Set.of("submitted", "active", "modifying");
    /** Instances that still need a TerminateInstances call. */
    static final Set<String> TERMINABLE_STATES = Set.of("pending", "running", "stopping", "stopped");

    private CleanupPlanner() {
    }

    public static List<CleanupAction> plan(CleanupSnapshot snapshot) {
        var out = new ArrayList<CleanupAction>();
        var requests = snapshot.spotRequests().stream()
                .filter(r -> LIVE_REQUEST_STATES.contains(r.state())).map(CleanupSnapshot.SpotRequest::id)
                .distinct().toList();
        batches(requests, CANCEL_BATCH).forEach(b -> out.add(new CleanupAction.CancelSpotRequests(b)));

        var fleets = snapshot.fleets().stream().filter(f -> LIVE_FLEET_STATES.contains(f.state())).toList();
        batches(fleets.stream().filter(CleanupSnapshot.Fleet::instant).map(CleanupSnapshot.Fleet::id).distinct().toList(),
                DELETE_INSTANT_FLEETS_BATCH).forEach(b -> out.add(new CleanupAction.DeleteFleets(b, true)));
        batches(fleets.stream().filter(f -> !f.instant()).map(CleanupSnapshot.Fleet::id).distinct().toList(),
                DELETE_FLEETS_BATCH).forEach(b -> out.add(new CleanupAction.DeleteFleets(b, false)));

        var terminate = snapshot.instances().stream().filter(i -> TERMINABLE_STATES.contains(i.state()))
                .map(CleanupSnapshot.Instance::id).distinct().toList();
        batches(terminate, TERMINATE_BATCH).forEach(b -> out.add(new CleanupAction.TerminateInstances(b)));

        // shutting-down is no longer billed, but its network interfaces and volumes are only released at
        // terminated, and the stack deletes the security group / launch template right after this resource.
        var shuttingDown = snapshot.instances().stream().filter(i -> "shutting-down".equals(i.state()))
                .map(CleanupSnapshot.Instance::id).distinct().toList();
        if (!shuttingDown.isEmpty()) {
            out.add(new CleanupAction.AwaitTermination(shuttingDown));
        }
        if (snapshot.truncated()) {
            out.add(new CleanupAction.Rescan());
        }
        if (out.isEmpty()) {
            out.add(new CleanupAction.Done());
        }
        return List.copyOf(out);
    }

    /** True when the plan says the region is clean. */
    public static boolean isDone(List<CleanupAction> plan) {
        return plan.size() == 1 && plan.getFirst() instanceof CleanupAction.Done;
    }

    static <T> List<List<T>> batches(List<T> all, int size) {
        var out = new ArrayList<List<T>>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(List.copyOf(all.subList(i, Math.min(all.size(), i + size))));
        }
        return out;
    }
}
