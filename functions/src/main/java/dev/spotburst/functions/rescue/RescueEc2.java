package dev.spotburst.functions.rescue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the EC2 capabilities a rescue uses. Every call is safe to repeat (client token on the launch; stop, start,
 * cancel, terminate of something already there are no-ops in EC2); failures surface as {@link RescueEc2Exception}
 * carrying the EC2 error code.
 */
public interface RescueEc2 {

    Optional<RescueInstance> instance(String instanceId);

    /** Live (not terminated) instances tagged {@code spotburst:rescued-from = spotInstanceId}. */
    List<RescueInstance> rescuersOf(String spotInstanceId);

    /** RunInstances of one On-Demand instance with hibernation configured; returns its id. */
    String launch(RescueLaunch launch);

    void stop(String instanceId, boolean hibernate);

    void start(String instanceId);

    void terminate(String instanceId);

    void cancelSpotRequest(String spotRequestId);

    /** Volume state ({@code available}, {@code in-use}), empty when it does not exist. */
    Optional<String> volumeState(String volumeId);

    void detachVolume(String volumeId);

    void attachVolume(String volumeId, String instanceId, String device);

    /** Sets DeleteOnTermination on the volume at {@code device} (AttachVolume leaves it false). */
    void deleteOnTermination(String instanceId, String device);

    void deleteVolume(String volumeId);

    /** CreateTags: how the workflow remembers which volume is whose across retries. */
    void tag(String resourceId, Map<String, String> tags);
}
