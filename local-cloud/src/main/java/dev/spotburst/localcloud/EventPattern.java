package dev.spotburst.localcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotburst.json.Json;

import java.util.List;
import java.util.Map;

/**
 * The subset of EventBridge event patterns the local bus needs: every field of the pattern is either a list of
 * allowed values (exact match; an array-valued event field matches when any element is allowed) or a nested object
 * (e.g. {@code detail}) matched recursively. All fields must match. Content filters (prefix, numeric, exists…) are
 * rejected when the pattern is built, so a pattern never silently matches more than it would on AWS.
 */
public final class EventPattern {

    private final ObjectNode pattern;

    private EventPattern(ObjectNode pattern) {
        validate(pattern, "");
        this.pattern = pattern.deepCopy();
    }

    /** Parses an EventBridge pattern, e.g. {@code {"source":["aws.ec2"],"detail":{"state":["running"]}}}. */
    public static EventPattern parse(String patternJson) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(patternJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event pattern is not valid JSON: " + patternJson, e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("event pattern must be a JSON object, got: " + patternJson);
        }
        return new EventPattern(object);
    }

    /** Matches every event. */
    public static EventPattern all() {
        return new EventPattern(Json.mapper().createObjectNode());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean matches(JsonNode event) {
        return matchesObject(pattern, event);
    }

    /** Unparseable events match nothing (the bus counts them as failures). */
    public boolean matches(String eventJson) {
        try {
            return matches(Json.mapper().readTree(eventJson));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public String toJson() {
        return pattern.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static boolean matchesObject(JsonNode patternObject, JsonNode event) {
        if (event == null || !event.isObject()) {
            return patternObject.isEmpty();
        }
        for (Map.Entry<String, JsonNode> field : patternObject.properties()) {
            JsonNode expected = field.getValue();
            JsonNode actual = event.get(field.getKey());
            boolean ok = expected.isObject() ? matchesObject(expected, actual) : matchesValues((ArrayNode) expected, actual);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesValues(ArrayNode allowed, JsonNode actual) {
        if (actual == null || actual.isMissingNode()) {
            return false;
        }
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (matchesValues(allowed, element)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode candidate : allowed) {
            if (sameValue(candidate, actual)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void validate(JsonNode node, String path) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                validate(value, where);
            } else if (value.isArray()) {
                for (JsonNode element : value) {
                    if (element.isContainerNode()) {
                        throw new IllegalArgumentException("event pattern field '" + where
                                + "': content filters are not supported by the local bus, got " + element);
                    }
                }
            } else {
                throw new IllegalArgumentException("event pattern field '" + where
                        + "' must be an array of values or an object, got " + value);
            }
        }
    }

    /** Builds the common shapes: source, detail-type and detail fields (dotted paths for deeper fields). */
    public static final class Builder {
        private final ObjectNode root = Json.mapper().createObjectNode();

        private Builder() {
        }

        public Builder source(String... values) {
            return field("source", values);
        }

        public Builder detailType(String... values) {
            return field("detail-type", values);
        }

        /** {@code detail("instance-action", "hibernate")} or {@code detail("state.name", "running")}. */
        public Builder detail(String dottedPath, String... values) {
            return field("detail." + dottedPath, values);
        }

        /** Any top-level or dotted field, e.g. {@code field("region", "us-east-1")}. */
        public Builder field(String dottedPath, String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("event pattern field '" + dottedPath + "' needs at least one value");
            }
            List<String> parts = List.of(dottedPath.split("\\."));
            ObjectNode node = root;
            for (String part : parts.subList(0, parts.size() - 1)) {
                JsonNode child = node.get(part);
                node = child instanceof ObjectNode object ? object : node.putObject(part);
            }
            ArrayNode array = node.putArray(parts.get(parts.size() - 1));
            for (String value : values) {
                array.add(value);
            }
            return this;
        }

        public EventPattern build() {
            return new EventPattern(root);
        }
    }
}
