package dev.spotburst.hostlist;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Slurm hostlist expressions ({@code aws-cpu-[0-3,7]}, {@code rack[1-2]-n[01-04]}), compatible with Slurm
 * 22.05 for one-dimensional clusters (no {@code 2x3} boxes; those only exist on clusters configured with
 * several dimensions). Verified against {@code scontrol} and libslurm 22.05.8; see
 * {@code src/test/resources/hostlist-cases.tsv}.
 */
public final class Hostlist {

    /** Expansion cap: a typo such as {@code n[1-9999]x[1-9999]} must fail, not exhaust the Lambda's memory. */
    public static final int MAX_HOSTS = 1_000_000;

    private Hostlist() {
    }

    /**
     * Every hostname of the expression in Slurm's order ({@code scontrol show hostnames}); duplicates are kept,
     * as Slurm keeps them. An empty or blank expression gives an empty list.
     *
     * @throws HostlistSyntaxException naming the position of the problem, or if more than {@link #MAX_HOSTS}
     *                                 names would result
     */
    public static List<String> expand(String expression) {
        return expand(expression, MAX_HOSTS);
    }

    /** {@link #expand(String)} with a custom cap. */
    public static List<String> expand(String expression, int maxHosts) {
        if (expression == null) {
            throw new IllegalArgumentException("hostlist expression is null");
        }
        return List.copyOf(ExpressionParser.expand(expression, maxHosts));
    }

    /**
     * The shortest Slurm form of a set of hostnames: sorted in Slurm's order (natural order of the prefix, then
     * the number), duplicates removed, runs merged, only the last numeric part bracketed. This is what libslurm's
     * {@code hostlist_uniq} + {@code hostlist_ranged_string} produce (what slurmctld prints for node sets); for
     * input that is already sorted and unique it equals {@code scontrol show hostlist}.
     *
     * @throws IllegalArgumentException if a name is empty or contains a separator or bracket
     */
    public static String compress(Collection<String> hostnames) {
        RangeList list = push(hostnames);
        list.uniq();
        return list.rangedString();
    }

    /**
     * Exactly what 22.05's {@code scontrol show hostlist} prints: input order and duplicates kept, only adjacent
     * names merged ({@code a3,a1,a2} gives {@code a[3,1-2]}). Prefer {@link #compress} unless the order matters.
     */
    public static String compressInOrder(List<String> hostnames) {
        return push(hostnames).rangedString();
    }

    private static RangeList push(Collection<String> hostnames) {
        Objects.requireNonNull(hostnames, "hostnames");
        var list = new RangeList();
        for (String name : hostnames) {
            list.push(requireHostname(name));
        }
        return list;
    }

    private static String requireHostname(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("not a hostname: " + (name == null ? "null" : "''"));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == '[' || c == ']' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("not a hostname: '" + name + "' (contains '" + c + "' at position "
                        + i + ")");
            }
        }
        return name;
    }
}
