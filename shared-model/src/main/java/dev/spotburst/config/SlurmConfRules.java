package dev.spotburst.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code config.json}'s {@code SlurmConf}: the power-save parameters every cloud setup needs, checked for
 * presence and range, plus a warning for keys Slurm 22.05 would refuse.
 */
final class SlurmConfRules {

    static final List<String> REQUIRED = List.of("PrivateData", "ResumeProgram", "SuspendProgram", "ResumeRate",
            "SuspendRate", "ResumeTimeout", "SuspendTime", "TreeWidth");
    /** Slurm's built-in SuspendTimeout when the key is absent. */
    static final int SLURM_DEFAULT_SUSPEND_TIMEOUT = 30;
    /** Largest TreeWidth Slurm 22.05 accepts. */
    static final int MAX_TREE_WIDTH = 65_533;

    private final Problems problems;

    SlurmConfRules(Problems problems) {
        this.problems = problems;
    }

    Map<String, String> parse(Fields root) {
        Fields f = root.object("SlurmConf", true, "an object of slurm.conf parameters including "
                + String.join(", ", REQUIRED));
        if (f == null) {
            return new LinkedHashMap<>();
        }
        Map<String, String> conf = f.asSlurmWords();
        for (String key : conf.keySet()) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (SlurmConfKeys.GENERATED.contains(lower)) {
                problems.error(f.path(key), f.raw(key),
                        "no " + key + " here (spotburst generates node and partition lines from partitions.json)");
            } else if (!SlurmConfKeys.known(key)) {
                String hint = Suggest.closest(key, SlurmConfKeys.names()).map(s -> "; did you mean " + s + "?")
                        .orElse("");
                problems.warning(f.path(key), f.raw(key), "a slurm.conf parameter known to "
                        + "Slurm 22.05 (Slurm refuses unknown keys with \"Parsing error at unrecognized key\"" + hint
                        + ")");
            }
        }
        for (String key : REQUIRED) {
            if (!conf.containsKey(key) && !f.has(key)) {
                problems.error(f.path(key), null, requiredExpectation(key));
            }
        }
        String privateData = conf.get("PrivateData");
        if (privateData != null && Arrays.stream(privateData.split(",")).noneMatch(t -> t.equalsIgnoreCase("cloud"))) {
            problems.errorText(f.path("PrivateData"), Problems.quote(privateData), "a list containing \"cloud\" "
                    + "(without it Slurm 22.05 hides powered-down cloud nodes from sinfo and scontrol)");
        }
        for (String program : List.of("ResumeProgram", "SuspendProgram", "ResumeFailProgram")) {
            String v = conf.get(program);
            if (v != null && !v.startsWith("/")) {
                problems.errorText(f.path(program), Problems.quote(v), "an absolute path (slurmctld runs it "
                        + "without a search path)");
            }
        }
        integer(f, conf, "ResumeRate", 0, Integer.MAX_VALUE, "an integer >= 0 (instances per "
                + "minute; 0 = unlimited; the plugin recommends 100)");
        integer(f, conf, "SuspendRate", 0, Integer.MAX_VALUE, "an integer >= 0 (nodes per minute; 0 = unlimited)");
        Integer resumeTimeout = integer(f, conf, "ResumeTimeout", 1, Integer.MAX_VALUE, "an integer number of "
                + "seconds >= 1");
        Integer suspendTime = integer(f, conf, "SuspendTime", 1, Integer.MAX_VALUE, "an integer number of idle "
                + "seconds >= 1 (cloud nodes must power down)");
        Integer suspendTimeout = integer(f, conf, "SuspendTimeout", 1, Integer.MAX_VALUE, "an integer number of "
                + "seconds >= 1");
        integer(f, conf, "TreeWidth", 1, MAX_TREE_WIDTH, "an integer 1.." + MAX_TREE_WIDTH
                + " (the plugin recommends 60000 so slurmctld talks to cloud nodes directly)");
        integer(f, conf, "SlurmdTimeout", 0, Integer.MAX_VALUE, "an integer number of seconds >= 0");
        if (resumeTimeout != null && suspendTime != null) {
            int st = suspendTimeout == null ? SLURM_DEFAULT_SUSPEND_TIMEOUT : suspendTimeout;
            if (suspendTime < st + resumeTimeout) {
                problems.warning(f.path("SuspendTime"), f.raw("SuspendTime"), "at least SuspendTimeout + "
                        + "ResumeTimeout = " + st + " + " + resumeTimeout + " = " + (st + resumeTimeout)
                        + " (a node can otherwise be powered down again before a slow resume finished)");
            }
        }
        return conf;
    }

    private Integer integer(Fields f, Map<String, String> conf, String key, long min, long max, String expected) {
        String v = conf.get(key);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error(f.path(key), f.raw(key), expected);
        return null;
    }

    private static String requiredExpectation(String key) {
        return switch (key) {
            case "PrivateData" -> "\"cloud\" (so idle cloud nodes show in sinfo)";
            case "ResumeProgram" -> "the absolute path of spotburst's resume shim";
            case "SuspendProgram" -> "the absolute path of spotburst's suspend shim";
            case "ResumeRate", "SuspendRate" -> "an integer >= 0 (the plugin recommends 100)";
            case "ResumeTimeout" -> "an integer number of seconds from resume request to node usable";
            case "SuspendTime" -> "an integer number of idle seconds before power-down";
            case "TreeWidth" -> "an integer, recommended 60000";
            default -> "a value";
        };
    }
}
