package dev.spotburst.functions.cleanup;

import java.util.List;

/**
 * EC2 in one region, as the cleanup needs it. Implementations retry throttling within a bound and then throw
 * {@link CleanupRetryableException} (also for network errors and EC2 5xx); "already gone" counts as success; any
 * other error is a {@link CleanupFailedException} naming the resource and the EC2 error code.
 */
public interface CleanupEc2 {

    /** The cluster's live Spot requests, fleets and non-terminated instances (by the cluster tag). */
    CleanupSnapshot snapshot(String tagKey, String cluster);

    void cancelSpotRequests(List<String> ids);

    /** Always with TerminateInstances=true. Fleets EC2 cannot delete yet are left for the next pass. */
    void deleteFleets(List<String> ids);

    void terminateInstances(List<String> ids);
}
