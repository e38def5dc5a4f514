package dev.spotburst.functions.cleanup;

import java.util.List;

/** One step of a cluster sweep, sized to fit a single EC2 call. */
public sealed interface CleanupAction {

    /** CancelSpotInstanceRequests: first, or persistent requests relaunch what we terminate. */
    record CancelSpotRequests(List<String> ids) implements CleanupAction {
        public CancelSpotRequests {
            ids = List.copyOf(ids);
        }
    }

    /** DeleteFleets with TerminateInstances=true: before instances, or maintain fleets replace them. */
    record DeleteFleets(List<String> ids, boolean instant) implements CleanupAction {
        public DeleteFleets {
            ids = List.copyOf(ids);
        }
    }

    /** TerminateInstances: any state short of shutting-down (hibernated/stopped instances too). */
    record TerminateInstances(List<String> ids) implements CleanupAction {
        public TerminateInstances {
            ids = List.copyOf(ids);
        }
    }

    /** Instances already shutting down: nothing to send, but the sweep is not finished until they are terminated. */
    record AwaitTermination(List<String> ids) implements CleanupAction {
        public AwaitTermination {
            ids = List.copyOf(ids);
        }
    }

    /** A listing was cut short: what was seen is acted on, but the region cannot be called clean yet. */
    record Rescan() implements CleanupAction {
    }

    /** Nothing of the cluster is left in the region. */
    record Done() implements CleanupAction {
    }
}
