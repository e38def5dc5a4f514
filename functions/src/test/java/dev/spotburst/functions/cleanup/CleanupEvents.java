package dev.spotburst.functions.cleanup;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.spotburst.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The saved Provider-framework events in test-events (events/cloudformation/cleanup-*.json), as Lambda gets them. */
final class CleanupEvents {
    private CleanupEvents() {
    }

    static Map<String, Object> load(String name) {
        String path = "events/cloudformation/cleanup-" + name + ".json";
        try (var in = CleanupEvents.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test event " + path);
            }
            return Json.mapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The saved event with its ResourceProperties changed (a deep-enough copy for the tests). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withProperty(Map<String, Object> event, String key, Object value) {
        var copy = new LinkedHashMap<>(event);
        var props = new LinkedHashMap<>((Map<String, Object>) event.get("ResourceProperties"));
        if (value == null) {
            props.remove(key);
        } else {
            props.put(key, value);
        }
        copy.put("ResourceProperties", props);
        return copy;
    }

    /** What the Provider framework sends to isComplete: the onEvent request merged with onEvent's result. */
    static Map<String, Object> isCompleteFor(Map<String, Object> onEventRequest, Map<String, Object> onEventResult) {
        var merged = new LinkedHashMap<>(onEventRequest);
        merged.putAll(onEventResult);
        return merged;
    }
}
