package dev.spotburst.functions.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs code with stdout captured and parses the EMF documents it printed ({@code AWS_EMF_ENVIRONMENT=Local}, set by
 * surefire/failsafe, makes aws-embedded-metrics print them instead of probing for an agent).
 */
final class EmfCapture {

    /** One metric of one EMF document, as CloudWatch will see it. */
    record Emitted(String namespace, List<List<String>> dimensionSets, Map<String, String> dimensions, String name,
                   double value, String unit) {
    }

    private EmfCapture() {
    }

    static List<Emitted> run(Runnable work) {
        var buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out); // keep the test log readable
        return parse(out);
    }

    static List<Emitted> parse(String stdout) {
        var result = new ArrayList<Emitted>();
        for (String line : stdout.split("\n")) {
            if (!line.startsWith("{") || !line.contains("\"_aws\"")) {
                continue;
            }
            JsonNode doc;
            try {
                doc = Json.mapper().readTree(line);
            } catch (IOException e) {
                throw new AssertionError("stdout line looks like EMF but is not JSON: " + line, e);
            }
            for (JsonNode directive : doc.path("_aws").path("CloudWatchMetrics")) {
                var sets = new ArrayList<List<String>>();
                var dims = new TreeMap<String, String>();
                for (JsonNode set : directive.path("Dimensions")) {
                    var keys = new ArrayList<String>();
                    set.forEach(k -> {
                        keys.add(k.asText());
                        dims.put(k.asText(), doc.path(k.asText()).asText());
                    });
                    sets.add(List.copyOf(keys));
                }
                for (JsonNode m : directive.path("Metrics")) {
                    String name = m.path("Name").asText();
                    JsonNode v = doc.path(name);
                    double value = v.isArray() ? sum(v) : v.asDouble();
                    result.add(new Emitted(directive.path("Namespace").asText(), List.copyOf(sets), Map.copyOf(dims), name,
                            value, m.path("Unit").asText()));
                }
            }
        }
        return result;
    }

    private static double sum(JsonNode array) {
        double s = 0;
        for (JsonNode n : array) {
            s += n.asDouble();
        }
        return s;
    }

    static List<Emitted> named(List<Emitted> all, String name) {
        return all.stream().filter(e -> e.name().equals(name)).toList();
    }
}
