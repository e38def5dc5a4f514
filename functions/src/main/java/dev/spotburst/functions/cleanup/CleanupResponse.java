package dev.spotburst.functions.cleanup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one invocation answers the Provider framework: onEvent returns {@code PhysicalResourceId} and {@code Data};
 * isComplete returns {@code IsComplete} (and no {@code Data} when false, which the framework rejects).
 */
public sealed interface CleanupResponse {

    Map<String, Object> toMap();

    record OnEvent(String physicalResourceId, Map<String, String> data) implements CleanupResponse {
        public OnEvent {
            data = Map.copyOf(data);
        }

        @Override
        public Map<String, Object> toMap() {
            var out = new LinkedHashMap<String, Object>();
            out.put("PhysicalResourceId", physicalResourceId);
            out.put("Data", new LinkedHashMap<>(data));
            return out;
        }
    }

    record IsComplete(boolean complete) implements CleanupResponse {
        @Override
        public Map<String, Object> toMap() {
            var out = new LinkedHashMap<String, Object>();
            out.put("IsComplete", complete);
            return out;
        }
    }
}
