package dev.spotburst.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks {@code config.json}: the plugin's fields, {@code SlurmConf} and the {@code Spotburst} block. */
final class PluginConfigParser {

    static final List<String> LOG_LEVELS = List.of("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG");
    private static final Set<String> KNOWN = Set.of("LogLevel", "LogFileName", "SlurmBinPath", "NodePartitionFolder",
            "SlurmConf", "Spotburst");
    private static final Set<String> KNOWN_EXTENSIONS = Set.of("ClusterName", "OrphanGraceSeconds",
            "ProtectAfterBootFailures", "ReconcileIntervalSeconds", "SubnetAvailabilityZones", "NodeNameTags");
    static final Pattern CLUSTER_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]{0,39}$");
    static final Pattern SUBNET_ID = Pattern.compile("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$");
    static final Pattern AZ_NAME = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$");
    private static final Pattern PATH = Pattern.compile("^\\S+$");

    /**
     * What spotburst uses when there is no config.json: the plugin's recommended rates and TreeWidth, spotburst's
     * shims under {@code /opt/spotburst/bin}, and timeouts that satisfy SuspendTime >= SuspendTimeout + ResumeTimeout.
     */
    static final Map<String, String> DEFAULT_SLURM_CONF = defaults();

    private final Problems problems;

    PluginConfigParser(Problems problems) {
        this.problems = problems;
    }

    static PluginConfig defaultConfig() {
        return new PluginConfig("DEBUG", null, null, null, DEFAULT_SLURM_CONF, ClusterExtensions.DEFAULTS);
    }

    /** Null when the root is not an object (reported); otherwise a config built from what was valid. */
    PluginConfig parse(JsonNode root) {
        Fields f = Fields.of(root, "$", problems, "a JSON object (config.json of the AWS plugin for Slurm)");
        if (f == null) {
            return null;
        }
        f.warnUnknown(KNOWN);
        String logLevel = f.string("LogLevel", false, null, "one of " + String.join(", ", LOG_LEVELS));
        if (logLevel != null && !LOG_LEVELS.contains(logLevel)) {
            problems.error(f.path("LogLevel"), f.raw("LogLevel"), "one of " + String.join(", ", LOG_LEVELS));
        }
        String logFile = f.string("LogFileName", false, PATH, "a file path");
        String binPath = f.string("SlurmBinPath", false, PATH, "a folder path holding scontrol, sinfo, ...");
        String folder = f.string("NodePartitionFolder", false, PATH, "a folder path");
        if (folder != null) {
            problems.warning(f.path("NodePartitionFolder"), f.raw("NodePartitionFolder"),
                    "nothing (spotburst keeps node state in DynamoDB; this plugin setting is ignored)");
        }
        Map<String, String> slurmConf = new SlurmConfRules(problems).parse(f);
        ClusterExtensions ext = extensions(f);
        return new PluginConfig(logLevel == null ? "DEBUG" : logLevel, logFile, binPath, folder, slurmConf, ext);
    }

    private ClusterExtensions extensions(Fields parent) {
        Fields f = parent.object("Spotburst", false, "an object with spotburst's cluster settings");
        if (f == null) {
            return ClusterExtensions.DEFAULTS;
        }
        f.warnUnknown(KNOWN_EXTENSIONS);
        ClusterExtensions d = ClusterExtensions.DEFAULTS;
        String name = f.string("ClusterName", false, CLUSTER_NAME,
                "1 to 40 letters, digits or dashes, starting with a letter (it names the stack and tags)");
        Integer orphan = f.integer("OrphanGraceSeconds", false, 0, 86_400, "an integer number of seconds, 0..86400");
        if (orphan != null && orphan < 90) {
            problems.warning(f.path("OrphanGraceSeconds"), f.raw("OrphanGraceSeconds"),
                    "at least 90 (a shorter grace can terminate instances that are still booting)");
        }
        Integer protect = f.integer("ProtectAfterBootFailures", false, 1, 10_000, "an integer >= 1");
        Integer reconcile = f.integer("ReconcileIntervalSeconds", false, 60, 3_600,
                "an integer number of seconds, 60..3600 (EventBridge schedules fire at most once a minute)");
        Map<String, String> zones = subnetZones(f);
        return new ClusterExtensions(name == null ? d.clusterName() : name,
                orphan == null ? d.orphanGraceSeconds() : orphan,
                protect == null ? d.protectAfterBootFailures() : protect,
                reconcile == null ? d.reconcileIntervalSeconds() : reconcile, zones, nodeNameTags(f));
    }

    private static final String NODE_NAME_TAGS = "\"launch\" (Name and spotburst:node only where the launch call "
            + "carries them) or \"always\" (also CreateTags on every instance of a multi-node fleet)";

    private NodeNameTags nodeNameTags(Fields f) {
        String mode = f.string("NodeNameTags", false, null, NODE_NAME_TAGS);
        if (mode == null) {
            return ClusterExtensions.DEFAULTS.nodeNameTags();
        }
        try {
            return NodeNameTags.fromWire(mode);
        } catch (IllegalArgumentException e) {
            problems.error(f.path("NodeNameTags"), f.raw("NodeNameTags"), NODE_NAME_TAGS);
            return ClusterExtensions.DEFAULTS.nodeNameTags();
        }
    }

    private Map<String, String> subnetZones(Fields parent) {
        Fields f = parent.object("SubnetAvailabilityZones", false,
                "an object mapping subnet ids to availability zone names, e.g. {\"subnet-0a1b2c3d\": \"eu-west-1a\"}");
        Map<String, String> zones = new LinkedHashMap<>();
        if (f == null) {
            return zones;
        }
        f.node().properties().forEach(e -> {
            String p = f.path(e.getKey());
            if (!SUBNET_ID.matcher(e.getKey()).matches()) {
                problems.errorText(p, Problems.quote(e.getKey()), "a subnet id such as \"subnet-0a1b2c3d\" as the key");
            } else if (!e.getValue().isTextual() || !AZ_NAME.matcher(e.getValue().asText()).matches()) {
                problems.error(p, e.getValue(), "an availability zone name such as \"eu-west-1a\"");
            } else {
                zones.put(e.getKey(), e.getValue().asText());
            }
        });
        return zones;
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PrivateData", "cloud");
        m.put("ResumeProgram", "/opt/spotburst/bin/spotburst-resume");
        m.put("SuspendProgram", "/opt/spotburst/bin/spotburst-suspend");
        m.put("ResumeRate", "100");
        m.put("SuspendRate", "100");
        m.put("ResumeTimeout", "600");
        m.put("SuspendTimeout", "120");
        m.put("SuspendTime", "720");
        m.put("TreeWidth", "60000");
        return java.util.Collections.unmodifiableMap(m);
    }
}
