package dev.spotburst.functions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every environment setting the functions read, validated once. A missing or malformed value fails the cold start
 * with one message naming every bad variable, instead of a NullPointerException on the first request.
 */
public record Settings(String cluster, String table, String requestsQueueUrl, String requestsDlqUrl,
                       String commandsQueueUrl, String reportsQueueUrl, Path configDir,
                       Optional<String> launchStateMachineArn) {

    public static final String CLUSTER = "SPOTBURST_CLUSTER";
    public static final String TABLE = "SPOTBURST_TABLE";
    public static final String REQUESTS_QUEUE_URL = "SPOTBURST_REQUESTS_QUEUE_URL";
    /** Where poison requests go, with the reason attached (spotburst-error attribute). */
    public static final String REQUESTS_DLQ_URL = "SPOTBURST_REQUESTS_DLQ_URL";
    public static final String COMMANDS_QUEUE_URL = "SPOTBURST_COMMANDS_QUEUE_URL";
    public static final String REPORTS_QUEUE_URL = "SPOTBURST_REPORTS_QUEUE_URL";
    public static final String CONFIG_DIR = "SPOTBURST_CONFIG_DIR";
    public static final String STATE_MACHINE_LAUNCH = "SPOTBURST_STATE_MACHINE_LAUNCH";

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        var problems = new ArrayList<String>();
        String cluster = required(env, CLUSTER, problems);
        if (cluster != null && !cluster.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            problems.add(CLUSTER + " must be letters, digits and '-', got '" + cluster + "'");
        }
        String table = required(env, TABLE, problems);
        String requests = queueUrl(env, REQUESTS_QUEUE_URL, true, problems);
        String dlq = queueUrl(env, REQUESTS_DLQ_URL, true, problems);
        String commands = queueUrl(env, COMMANDS_QUEUE_URL, true, problems);
        String reports = queueUrl(env, REPORTS_QUEUE_URL, false, problems);
        String dir = required(env, CONFIG_DIR, problems);
        String sm = env.get(STATE_MACHINE_LAUNCH);
        if (sm != null && !sm.isBlank() && !sm.startsWith("arn:")) {
            problems.add(STATE_MACHINE_LAUNCH + " must be a state machine ARN, got '" + sm + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid spotburst settings: " + String.join("; ", problems));
        }
        return new Settings(cluster, table, requests, dlq, commands, reports, Path.of(dir),
                sm == null || sm.isBlank() ? Optional.empty() : Optional.of(sm));
    }

    private static String required(Map<String, String> env, String key, List<String> problems) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            problems.add(key + " is required");
            return null;
        }
        return v.trim();
    }

    private static String queueUrl(Map<String, String> env, String key, boolean fifo, List<String> problems) {
        String v = required(env, key, problems);
        if (v == null) {
            return null;
        }
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
            problems.add(key + " must be a queue URL, got '" + v + "'");
        } else if (fifo != v.endsWith(".fifo")) {
            problems.add(key + (fifo ? " must name a FIFO queue (.fifo)" : " must name a standard queue") + ", got '" + v + "'");
        }
        return v;
    }
}
