package dev.spotburst.shims.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Reads {@link HeadNodeSettings}. The file is chosen by {@code --settings}, else {@code SPOTBURST_SETTINGS}, else
 * {@link HeadNodeSettings#DEFAULT_FILE}. JSON keys: {@code cluster}, {@code region}, {@code requestsQueueUrl},
 * {@code commandsQueueUrl}, {@code commandsDlqUrl}, {@code reportsQueueUrl}, {@code spoolDir}, {@code slurmConf},
 * {@code slurmBinPath}, {@code snapshotIntervalSeconds}, {@code logFile}. Parsed with {@link FlatJson} because every
 * shim call reads it.
 */
public final class SettingsLoader {

    public static final String ENV = "SPOTBURST_SETTINGS";

    private SettingsLoader() {
    }

    /** The settings file to use: explicit path, else the environment variable, else the default. */
    public static Path choose(Path explicit, Map<String, String> env) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? HeadNodeSettings.DEFAULT_FILE : Path.of(fromEnv);
    }

    public static HeadNodeSettings load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SettingsException("settings file " + file + " does not exist (use --settings or " + ENV + ")");
        } catch (IOException e) {
            throw new SettingsException("cannot read settings file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static HeadNodeSettings parse(String json, String source) {
        Map<String, Object> root = FlatJson.parse(json, source);
        Object rawInterval = root.get("snapshotIntervalSeconds");
        long interval = HeadNodeSettings.DEFAULT_SNAPSHOT_INTERVAL.toSeconds();
        if (rawInterval != null) {
            if (!(rawInterval instanceof Long l)) {
                throw new SettingsException(source + ": field 'snapshotIntervalSeconds' must be a whole number, got "
                        + rawInterval);
            }
            interval = l;
        }
        if (interval < 5) {
            throw new SettingsException(source + ": field 'snapshotIntervalSeconds' must be >= 5, got " + interval);
        }
        return new HeadNodeSettings(
                required(root, "cluster", source),
                required(root, "region", source),
                url(root, "requestsQueueUrl", source, true),
                url(root, "commandsQueueUrl", source, true),
                url(root, "commandsDlqUrl", source, false),
                url(root, "reportsQueueUrl", source, true),
                path(root, "spoolDir", HeadNodeSettings.DEFAULT_SPOOL, source),
                path(root, "slurmConf", HeadNodeSettings.DEFAULT_SLURM_CONF, source),
                path(root, "slurmBinPath", HeadNodeSettings.DEFAULT_SLURM_BIN, source),
                Duration.ofSeconds(interval),
                path(root, "logFile", HeadNodeSettings.DEFAULT_LOG, source));
    }

    private static String required(Map<String, Object> root, String field, String source) {
        Object v = root.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new SettingsException(source + ": field '" + field + "' is required (a non-empty string), got "
                    + (v == null ? "nothing" : "'" + v + "'"));
        }
        return s;
    }

    private static String url(Map<String, Object> root, String field, String source, boolean mandatory) {
        Object v = root.get(field);
        if (v == null) {
            if (mandatory) {
                throw new SettingsException(source + ": field '" + field + "' is required (an SQS queue URL)");
            }
            return null;
        }
        String s = v.toString();
        if (!s.startsWith("https://") && !s.startsWith("http://")) {
            throw new SettingsException(source + ": field '" + field + "' must be an SQS queue URL (http[s]://...), got '"
                    + s + "'");
        }
        return s;
    }

    private static Path path(Map<String, Object> root, String field, Path fallback, String source) {
        Object v = root.get(field);
        if (v == null) {
            return fallback;
        }
        Path p = Path.of(v.toString());
        if (!p.isAbsolute()) {
            throw new SettingsException(source + ": field '" + field + "' must be an absolute path, got '" + v + "'");
        }
        return p;
    }
}
