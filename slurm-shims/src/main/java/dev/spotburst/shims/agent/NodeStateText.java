package dev.spotburst.shims.agent;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Slurm node state strings turned into a base state plus flags, the way {@code SlurmSnapshot.Node} carries them.
 * Two spellings exist: scontrol's long form ({@code IDLE+CLOUD+POWERED_DOWN+NOT_RESPONDING}) and sinfo's compact
 * form ({@code idle~}, {@code down*}, {@code drained!}) whose one-character suffix legend is in slurm-findings §6.
 */
public final class NodeStateText {

    /** Base state and flags, both upper case as scontrol prints them. */
    public record State(String base, Set<String> flags) {
        public State {
            flags = Set.copyOf(flags);
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    /** sinfo's compact suffixes (man sinfo, "NODE STATE CODES"). */
    private static final Map<Character, String> SUFFIX = Map.of(
            '~', "POWERED_DOWN",
            '#', "POWERING_UP",
            '%', "POWERING_DOWN",
            '!', "POWER_DOWN",
            '*', "NOT_RESPONDING",
            '$', "MAINTENANCE",
            '@', "REBOOT_REQUESTED",
            '^', "REBOOT_ISSUED",
            '-', "PLANNED");

    private NodeStateText() {
    }

    /** {@code IDLE+CLOUD+POWERED_DOWN}: the first word is the base state, the rest are flags. */
    public static State parseLong(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty Slurm node state");
        }
        String[] parts = text.trim().split("\\+");
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                flags.add(parts[i].toUpperCase(Locale.ROOT));
            }
        }
        return new State(parts[0].toUpperCase(Locale.ROOT), flags);
    }

    /**
     * {@code idle~}, {@code down*}, {@code drained!}, {@code draining}: sinfo's compact form. {@code drained} and
     * {@code draining} are a DRAIN flag on IDLE and on ALLOCATED (sinfo does not say MIXED apart), {@code drng} too.
     */
    public static State parseCompact(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty Slurm node state");
        }
        String word = text.trim().toLowerCase(Locale.ROOT);
        Set<String> flags = new LinkedHashSet<>();
        while (!word.isEmpty() && SUFFIX.containsKey(word.charAt(word.length() - 1))) {
            flags.add(SUFFIX.get(word.charAt(word.length() - 1)));
            word = word.substring(0, word.length() - 1);
        }
        String base = switch (word) {
            case "drained", "drain" -> {
                flags.add("DRAIN");
                yield "IDLE";
            }
            case "draining", "drng" -> {
                flags.add("DRAIN");
                yield "ALLOCATED";
            }
            case "alloc" -> "ALLOCATED";
            case "comp" -> "COMPLETING";
            case "mix" -> "MIXED";
            case "resv", "reserved" -> "RESERVED";
            case "maint" -> "MAINTENANCE";
            case "unk" -> "UNKNOWN";
            case "fail", "failing" -> {
                flags.add("FAIL");
                yield word.equals("fail") ? "IDLE" : "ALLOCATED";
            }
            default -> word.toUpperCase(Locale.ROOT);
        };
        if (base.isEmpty()) {
            throw new IllegalArgumentException("not a Slurm node state: '" + text + "'");
        }
        return new State(base, flags);
    }

    /** A node that will take no work until someone acts: DOWN, or drained/failing. */
    public static boolean unusable(State s) {
        return s.base().equals("DOWN") || s.has("DRAIN") || s.has("FAIL") || s.base().equals("FAIL");
    }
}
