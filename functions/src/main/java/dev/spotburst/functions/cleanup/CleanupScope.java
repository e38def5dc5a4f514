package dev.spotburst.functions.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the cleanup resource's properties say to clean: the cluster (by its tag), the regions its node groups launch
 * in, the launch paths to stop first, how long an in-flight launch may still land after they stop (settle), and the
 * Provider's total timeout. CloudFormation passes every scalar property as a string, so numbers are parsed here.
 */
public record CleanupScope(String cluster, String tagKey, List<String> regions, List<String> ruleNames,
                           List<String> launchFunctionNames, Duration settle, Duration totalTimeout) {

    public static final String DEFAULT_TAG_KEY = "spotburst:cluster";
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    public CleanupScope {
        regions = List.copyOf(regions);
        ruleNames = List.copyOf(ruleNames);
        launchFunctionNames = List.copyOf(launchFunctionNames);
    }

    /** The stable physical id: the same for every Create/Update of one cluster, so repeats are no-ops. */
    public String physicalResourceId() {
        return "spotburst-cleanup-" + cluster;
    }

    /**
     * @param properties {@code ResourceProperties} of the CloudFormation event
     * @param homeRegion the Lambda's own region, used when {@code Regions} is absent
     */
    public static CleanupScope parse(Map<String, Object> properties, String homeRegion) {
        if (properties == null) {
            throw new IllegalArgumentException("field 'ResourceProperties' is required");
        }
        String cluster = string(properties, "ClusterName", null);
        if (cluster == null || !CLUSTER.matcher(cluster).matches()) {
            throw new IllegalArgumentException("field 'ResourceProperties.ClusterName' must be letters, digits and '-', got '"
                    + cluster + "'");
        }
        String tagKey = string(properties, "TagKey", DEFAULT_TAG_KEY);
        List<String> regions = strings(properties, "Regions");
        if (regions.isEmpty()) {
            regions = homeRegion == null ? List.of() : List.of(homeRegion);
        }
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("field 'ResourceProperties.Regions' is required (no AWS_REGION either)");
        }
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("field 'ResourceProperties.Regions' has '" + r + "', not an AWS region");
            }
        }
        // RuleNames is what the CDK construct sends; ScheduleRuleName / EventRuleNames are accepted as well.
        var rules = new ArrayList<>(strings(properties, "RuleNames"));
        rules.addAll(strings(properties, "EventRuleNames"));
        String schedule = string(properties, "ScheduleRuleName", null);
        if (schedule != null) {
            rules.add(schedule);
        }
        return new CleanupScope(cluster, tagKey, regions.stream().distinct().toList(), rules.stream().distinct().toList(),
                strings(properties, "LaunchFunctionNames"), seconds(properties, "SettleSeconds", 0),
                seconds(properties, "TotalTimeoutSeconds", 1800));
    }

    private static String string(Map<String, Object> p, String key, String dflt) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException("field 'ResourceProperties." + key + "' must be a string, got " + v);
        }
        return v.toString().trim();
    }

    private static List<String> strings(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("field 'ResourceProperties." + key + "' must be a list of strings, got " + v);
        }
        return list.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration seconds(Map<String, Object> p, String key, long dflt) {
        String v = string(p, key, null);
        if (v == null) {
            return Duration.ofSeconds(dflt);
        }
        try {
            long s = Long.parseLong(v);
            if (s < 0 || s > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field 'ResourceProperties." + key
                    + "' must be a whole number of seconds (0..86400), got '" + v + "'");
        }
    }
}
