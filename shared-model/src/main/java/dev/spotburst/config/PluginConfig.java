package dev.spotburst.config;

import java.util.Map;

/**
 * {@code config.json}: the plugin's fields ({@code LogLevel}, {@code LogFileName}, {@code SlurmBinPath},
 * {@code NodePartitionFolder}, {@code SlurmConf} kept in file order) plus spotburst's cluster-wide settings
 * (key {@code "Spotburst"}).
 */
public record PluginConfig(
        String logLevel,
        String logFileName,
        String slurmBinPath,
        String nodePartitionFolder,
        Map<String, String> slurmConf,
        ClusterExtensions spotburst) {

    public PluginConfig {
        slurmConf = slurmConf == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slurmConf));
        spotburst = spotburst == null ? ClusterExtensions.DEFAULTS : spotburst;
    }

    /** {@code ResumeTimeout} in seconds from {@code SlurmConf}, Slurm's default 60 when absent. */
    public int resumeTimeoutSeconds() {
        return intSetting("ResumeTimeout", 60);
    }

    public int intSetting(String key, int fallback) {
        String v = slurmConf.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
