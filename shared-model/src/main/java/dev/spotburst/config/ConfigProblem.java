package dev.spotburst.config;

import java.util.Objects;

/**
 * One thing wrong (or suspicious) in the user's configuration, located precisely enough to fix without guessing:
 * which file, the JSON path of the offending value, the value as written, and what was expected.
 *
 * @param severity {@link Severity#ERROR} blocks loading; {@link Severity#WARNING} is reported and tolerated
 * @param file     {@code partitions.json} or {@code config.json} (the file name the user knows)
 * @param jsonPath JSONPath-style location, e.g. {@code $.Partitions[0].NodeGroups[1].MaxNodes}
 * @param value    the offending value as JSON text ({@code "spott"}, {@code -1}), or null when it is missing
 * @param expected what would have been accepted, phrased to complete "expected ..."
 */
public record ConfigProblem(Severity severity, String file, String jsonPath, String value, String expected) {

    public enum Severity {
        ERROR, WARNING;

        String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(expected, "expected");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line: {@code error: partitions.json $.Partitions[0].NodeGroups[1].MaxNodes: got -1, expected an integer >= 1}. */
    @Override
    public String toString() {
        String got = value == null ? "missing" : "got " + value;
        return severity.label() + ": " + file + " " + jsonPath + ": " + got + ", expected " + expected;
    }
}
