package dev.spotburst.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed reads of one JSON object's fields that report, instead of throw, when a field is missing or mistyped.
 * Every getter returns null after reporting, so callers keep going and the user sees all problems in one run.
 */
final class Fields {

    private final ObjectNode object;
    private final String path;
    private final Problems problems;

    Fields(ObjectNode object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code value} as an object or reports it; null when it is not one. */
    static Fields of(JsonNode value, String path, Problems problems, String expected) {
        if (value instanceof ObjectNode o) {
            return new Fields(o, path, problems);
        }
        problems.error(path, value, expected);
        return null;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return Problems.child(path, key);
    }

    ObjectNode node() {
        return object;
    }

    boolean has(String key) {
        return object.has(key) && !object.get(key).isNull();
    }

    JsonNode raw(String key) {
        return object.get(key);
    }

    private boolean missing(String key, boolean required, String expected) {
        if (has(key)) {
            return false;
        }
        if (required) {
            problems.error(path(key), null, expected);
        }
        return true;
    }

    String string(String key, boolean required, Pattern pattern, String expected) {
        if (missing(key, required, expected)) {
            return null;
        }
        JsonNode v = object.get(key);
        if (!v.isTextual() || v.asText().isBlank() || (pattern != null && !pattern.matcher(v.asText()).matches())) {
            problems.error(path(key), v, expected);
            return null;
        }
        return v.asText();
    }

    Integer integer(String key, boolean required, long min, long max, String expected) {
        if (missing(key, required, expected)) {
            return null;
        }
        JsonNode v = object.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            problems.error(path(key), v, expected);
            return null;
        }
        return (int) v.asLong();
    }

    Boolean bool(String key, boolean required, String expected) {
        if (missing(key, required, expected)) {
            return null;
        }
        JsonNode v = object.get(key);
        if (!v.isBoolean()) {
            problems.error(path(key), v, expected);
            return null;
        }
        return v.asBoolean();
    }

    Fields object(String key, boolean required, String expected) {
        if (missing(key, required, expected)) {
            return null;
        }
        return of(object.get(key), path(key), problems, expected);
    }

    ArrayNode array(String key, boolean required, boolean nonEmpty, String expected) {
        if (missing(key, required, expected)) {
            return null;
        }
        JsonNode v = object.get(key);
        if (!(v instanceof ArrayNode a) || (nonEmpty && a.isEmpty())) {
            problems.error(path(key), v, expected);
            return null;
        }
        return a;
    }

    /**
     * An object whose values are copied as text onto a slurm.conf line ({@code PartitionOptions},
     * {@code SlurmSpecifications}, {@code SlurmConf}). Strings, numbers and booleans are accepted; a value with a
     * space or line break would split the line, so it is reported.
     */
    Map<String, String> slurmWords(String key, String expected) {
        Fields f = object(key, false, expected);
        if (f == null) {
            return null;
        }
        return f.asSlurmWords();
    }

    Map<String, String> asSlurmWords() {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String p = path(e.getKey());
            if (!e.getKey().matches("^[A-Za-z][A-Za-z0-9_]*$")) {
                problems.errorText(p, Problems.quote(e.getKey()),
                        "a Slurm parameter name (letters, digits, underscore)");
            } else if (!v.isValueNode() || v.isNull() || v.asText().isEmpty() || v.asText().matches("(?s).*\\s.*")) {
                problems.error(p, v, "a string or number without spaces or line breaks (it is copied verbatim as "
                        + e.getKey() + "=<value> onto a slurm.conf line)");
            } else {
                out.put(e.getKey(), v.asText());
            }
        });
        return out;
    }

    /** Reports every field not in {@code known} as a warning, suggesting the closest known name. */
    void warnUnknown(Collection<String> known) {
        object.properties().forEach(e -> {
            if (!known.contains(e.getKey())) {
                String hint = Suggest.closest(e.getKey(), known).map(s -> "; did you mean \"" + s + "\"?").orElse("");
                problems.warning(path(e.getKey()), e.getValue(),
                        "a known field (this one is ignored" + hint + ")");
            }
        });
    }

    /** Text elements of an array, reporting non-strings and pattern mismatches. */
    static List<String> strings(ArrayNode array, String path, Problems problems, Pattern pattern, String expected) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            if (!v.isTextual() || !pattern.matcher(v.asText()).matches()) {
                problems.error(Problems.index(path, i), v, expected);
            } else {
                out.add(v.asText());
            }
        }
        return out;
    }

    /** The plain-Java value of a JSON scalar/object/array, for CreateFleet-shaped maps kept as written. */
    static Object plain(JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.isNull() ? null : v.asText();
    }

    Map<String, Object> plainMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            Object p = plain(e.getValue());
            if (p != null) {
                m.put(e.getKey(), p);
            }
        });
        return m;
    }
}
