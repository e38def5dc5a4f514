package dev.spotburst.functions.cleanup;

import dev.spotburst.functions.cfn.RequestType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation from the CDK Provider framework. The same function serves onEvent and isComplete; they are told
 * apart by {@code Data}: CloudFormation requests never carry it, while the framework builds every isComplete input
 * by merging the onEvent request with what onEvent returned, and our onEvent always returns {@code Data.Cluster}.
 */
public record CleanupEvent(Phase phase, RequestType requestType, String physicalResourceId, CleanupScope scope,
                           Optional<Instant> launchesStoppedAt) {

    public static final String DATA = "Data";
    public static final String DATA_CLUSTER = "Cluster";
    public static final String DATA_LAUNCHES_STOPPED_AT = "LaunchesStoppedAt";

    public enum Phase { ON_EVENT, IS_COMPLETE }


    @SuppressWarnings("unchecked")
    public static CleanupEvent parse(Map<String, Object> event, String homeRegion) {
        if (event == null) {
            throw new IllegalArgumentException("empty event: expected a CloudFormation custom resource request");
        }
        RequestType type = RequestType.of(event);
        Object props = event.get("ResourceProperties");
        if (props != null && !(props instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("field 'ResourceProperties' must be an object, got " + props);
        }
        CleanupScope scope = CleanupScope.parse((Map<String, Object>) props, homeRegion);
        Object data = event.get(DATA);
        Phase phase = data instanceof Map<?, ?> m && m.containsKey(DATA_CLUSTER) ? Phase.IS_COMPLETE : Phase.ON_EVENT;
        Object pid = event.get("PhysicalResourceId");
        if (type != RequestType.CREATE && pid == null) {
            throw new IllegalArgumentException("field 'PhysicalResourceId' is required for " + event.get("RequestType"));
        }
        Optional<Instant> stoppedAt = Optional.empty();
        if (data instanceof Map<?, ?> m && m.get(DATA_LAUNCHES_STOPPED_AT) != null) {
            String v = String.valueOf(m.get(DATA_LAUNCHES_STOPPED_AT));
            try {
                stoppedAt = Optional.of(Instant.parse(v));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("field 'Data." + DATA_LAUNCHES_STOPPED_AT
                        + "' must be an ISO-8601 instant, got '" + v + "'");
            }
        }
        if (phase == Phase.IS_COMPLETE && type == RequestType.DELETE && stoppedAt.isEmpty()) {
            throw new IllegalArgumentException("isComplete for Delete needs field 'Data." + DATA_LAUNCHES_STOPPED_AT
                    + "' (returned by onEvent)");
        }
        return new CleanupEvent(phase, type, pid == null ? null : pid.toString(), scope, stoppedAt);
    }
}
