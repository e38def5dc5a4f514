package dev.spotburst.localslurm;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One node as {@code scontrol -o show node} prints it: {@code State=IDLE+CLOUD+POWERED_DOWN} is base {@code IDLE}
 * plus flags {@code CLOUD, POWERED_DOWN}. {@link #compact()} renders it the way {@code sinfo} does ({@code idle~}),
 * which is how slurm-findings.md writes node states.
 */
public record SlurmNodeState(String node, String base, Set<String> flags, String address, String reason) {

    private static final Pattern NAME = Pattern.compile("(?:^|\\s)NodeName=(\\S+)");
    private static final Pattern STATE = Pattern.compile("(?:^|\\s)State=(\\S+)");
    private static final Pattern ADDR = Pattern.compile("(?:^|\\s)NodeAddr=(\\S+)");
    // Reason is free text followed by " [user@time]"; with -o it is the last field of interest on the line.
    private static final Pattern REASON = Pattern.compile("(?:^|\\s)Reason=(.*?)(?:\\s+\\[[^\\]]*\\])?(?:\\s+\\w+=|$)");

    public SlurmNodeState {
        flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
    }

    /** Parses one line of {@code scontrol -o show node}. */
    public static SlurmNodeState parse(String line) {
        var name = NAME.matcher(line);
        var state = STATE.matcher(line);
        if (!name.find() || !state.find()) {
            throw new IllegalArgumentException("not a 'scontrol -o show node' line (NodeName= and State= expected): '"
                    + line.strip() + "'");
        }
        var parts = state.group(1).split("\\+");
        var flags = new LinkedHashSet<>(Arrays.asList(parts).subList(1, parts.length));
        var addr = ADDR.matcher(line);
        var reason = REASON.matcher(line);
        return new SlurmNodeState(name.group(1), parts[0], flags, addr.find() ? addr.group(1) : "",
                reason.find() ? reason.group(1).strip() : "");
    }

    /** The state as scontrol prints it: {@code IDLE+CLOUD+POWERED_DOWN}. */
    public String fullState() {
        return flags.isEmpty() ? base : base + "+" + String.join("+", flags);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public boolean isPoweredDown() {
        return has("POWERED_DOWN");
    }

    public boolean isPoweringUp() {
        return has("POWERING_UP");
    }

    public boolean isPoweringDown() {
        return has("POWERING_DOWN");
    }

    public boolean isNotResponding() {
        return has("NOT_RESPONDING");
    }

    /** Up and usable: powered, registered and not powering up or down. */
    public boolean isPoweredUp() {
        return !isPoweredDown() && !isPoweringUp() && !isPoweringDown() && !isNotResponding();
    }

    /** The {@code sinfo %T}-style short form: {@code idle~}, {@code allocated#}, {@code down!}, {@code drained}. */
    public String compact() {
        var name = base.toLowerCase(java.util.Locale.ROOT);
        if (has("DRAIN")) {
            name = base.equals("IDLE") || base.equals("DOWN") ? "drained" : "draining";
        } else if (has("COMPLETING")) {
            name = "completing";
        }
        return name + suffix();
    }

    // Same precedence as Slurm's node_state_string_compact(): pending power-down first, then the power states.
    private String suffix() {
        if (has("POWER_DOWN")) {
            return "!";
        }
        if (isPoweringDown()) {
            return "%";
        }
        if (isPoweredDown()) {
            return "~";
        }
        if (isPoweringUp()) {
            return "#";
        }
        if (isNotResponding()) {
            return "*";
        }
        return "";
    }
}
