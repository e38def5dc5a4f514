package dev.spotburst.functions.launch;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: finding and reclaiming our EC2 resources. */
public interface InstanceInventory {

    /** Instances by id; ids EC2 does not know are absent from the result. */
    List<InstanceView> describe(Collection<String> instanceIds);

    /** Every instance carrying {@code spotburst:cluster=<cluster>} that is not yet terminated. */
    List<InstanceView> clusterInstances(String cluster);

    /** Spot requests carrying the cluster tag. */
    List<SpotRequestView> clusterSpotRequests(String cluster);

    /** Spot requests by id; ids EC2 does not know are absent from the result. */
    List<SpotRequestView> describeSpotRequests(Collection<String> spotRequestIds);

    /** Cancels Spot requests; unknown or already-cancelled ids count as done. */
    void cancelSpotRequests(Collection<String> spotRequestIds);

    /**
     * Terminates instances and returns each id's resulting state; ids EC2 does not know map to {@code terminated}
     * (NotFound is "already gone").
     */
    Map<String, String> terminate(Collection<String> instanceIds);
}
