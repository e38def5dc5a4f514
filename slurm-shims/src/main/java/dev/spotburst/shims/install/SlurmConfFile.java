package dev.spotburst.shims.install;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level {@code Key=Value} settings of a slurm.conf text (keys compared case-insensitively, as Slurm does;
 * the last occurrence wins, as in Slurm). NodeName/PartitionName lines and comments are skipped; {@code include}
 * lines are listed so the installer can tell whether the spotburst fragment is included.
 */
public final class SlurmConfFile {

    private final Map<String, String> values;
    private final List<String> includes;

    private SlurmConfFile(Map<String, String> values, List<String> includes) {
        this.values = values;
        this.includes = includes;
    }

    public static SlurmConfFile parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> includes = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.regionMatches(true, 0, "include ", 0, 8)) {
                includes.add(line.substring(8).strip());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (key.equals("nodename") || key.equals("partitionname") || key.equals("nodeset")
                    || key.equals("downnodes") || key.equals("frontendname")) {
                continue;
            }
            values.put(key, line.substring(eq + 1).strip());
        }
        return new SlurmConfFile(values, includes);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
    }

    public List<String> includes() {
        return List.copyOf(includes);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
