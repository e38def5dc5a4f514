package dev.spotburst.functions.cleanup.aws;

import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFleetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

import java.util.List;

/** The EC2 requests of the cleanup, built as values (tested without a server). */
public final class CleanupRequests {

    /** Every state in which an instance still exists or still costs (terminated is the only end). */
    static final List<String> NOT_TERMINATED = List.of("pending", "running", "shutting-down", "stopping", "stopped");
    /** Spot request states that can still launch: open, active, and disabled (stopped by the user, restartable). */
    static final List<String> LIVE_REQUESTS = List.of("open", "active", "disabled");
    /** Fleet states that can still launch (deleted_* and failed cannot). */
    static final List<String> LIVE_FLEETS = List.of("submitted", "active", "modifying");
    static final int PAGE = 1000;

    private CleanupRequests() {
    }

    public static DescribeSpotInstanceRequestsRequest describeSpotRequests(String tagKey, String cluster, String token) {
        return DescribeSpotInstanceRequestsRequest.builder()
                .filters(tag(tagKey, cluster), Filter.builder().name("state").values(LIVE_REQUESTS).build())
                .maxResults(PAGE).nextToken(token).build();
    }

    public static DescribeFleetsRequest describeFleets(String token) {
        return DescribeFleetsRequest.builder()
                .filters(Filter.builder().name("fleet-state").values(LIVE_FLEETS).build())
                .maxResults(PAGE).nextToken(token).build();
    }

    public static DescribeInstancesRequest describeInstances(String tagKey, String cluster, String token) {
        return DescribeInstancesRequest.builder()
                .filters(tag(tagKey, cluster), Filter.builder().name("instance-state-name").values(NOT_TERMINATED).build())
                .maxResults(PAGE).nextToken(token).build();
    }

    public static CancelSpotInstanceRequestsRequest cancelSpotRequests(List<String> ids) {
        return CancelSpotInstanceRequestsRequest.builder().spotInstanceRequestIds(ids).build();
    }

    /** TerminateInstances=true: deleting a fleet alone would leave its instances running (deleted_running). */
    public static DeleteFleetsRequest deleteFleets(List<String> ids) {
        return DeleteFleetsRequest.builder().fleetIds(ids).terminateInstances(true).build();
    }

    public static TerminateInstancesRequest terminate(List<String> ids) {
        return TerminateInstancesRequest.builder().instanceIds(ids).build();
    }

    private static Filter tag(String tagKey, String cluster) {
        return Filter.builder().name("tag:" + tagKey).values(cluster).build();
    }
}
