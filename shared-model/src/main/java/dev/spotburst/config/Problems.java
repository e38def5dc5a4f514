package dev.spotburst.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.config.ConfigProblem.Severity;

import java.util.List;
import java.util.regex.Pattern;

/** Collects problems for one file into a list shared by both files, so all are reported at once, in order. */
final class Problems {

    private static final Pattern PLAIN_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final int MAX_VALUE_CHARS = 80;

    private final String file;
    private final List<ConfigProblem> sink;

    Problems(String file, List<ConfigProblem> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    void error(String path, JsonNode value, String expected) {
        add(Severity.ERROR, path, render(value), expected);
    }

    void warning(String path, JsonNode value, String expected) {
        add(Severity.WARNING, path, render(value), expected);
    }

    void errorText(String path, String renderedValue, String expected) {
        add(Severity.ERROR, path, renderedValue, expected);
    }

    void warningText(String path, String renderedValue, String expected) {
        add(Severity.WARNING, path, renderedValue, expected);
    }

    private void add(Severity severity, String path, String value, String expected) {
        sink.add(new ConfigProblem(severity, file, path, value, expected));
    }

    int errorCount() {
        return (int) sink.stream().filter(p -> p.isError() && p.file().equals(file)).count();
    }

    /** {@code $.a} + {@code b} = {@code $.a.b}; keys that are not identifiers are bracketed: {@code $.a['subnet-1']}. */
    static String child(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "['" + key.replace("'", "\\'") + "']";
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** The value as JSON text ({@code "spott"}, {@code -1}, {@code {"a":1}}), shortened; null when absent. */
    static String render(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        String s = value.toString();
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
