package dev.spotburst.hostlist;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Round-trip laws; the exact output is pinned by {@link HostlistCasesTest} and the scontrol differential IT. */
class HostlistPropertiesTest {

    /** Prefixes chosen to hit the awkward parts: digits inside prefixes, leading zeros, empty, no number. */
    private static final List<String> PREFIXES = List.of(
            "a", "b", "n", "aws-cpu-", "rack1-n", "rack2-n", "n01-x", "n1-x", "", "A", "a0", "x-", "batch-spot-");

    @Provide
    Arbitrary<String> hostname() {
        Arbitrary<String> prefix = Arbitraries.of(PREFIXES);
        Arbitrary<Integer> number = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 20)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 1200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
        Arbitrary<Integer> padding = Arbitraries.integers().between(0, 4);
        Arbitrary<String> numbered = Combinators.combine(prefix, number, padding)
                .as((p, n, w) -> p + HostRange.pad(n, w));
        Arbitrary<String> plain = Arbitraries.of("login", "head", "a", "x-", "node");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, numbered), net.jqwik.api.Tuple.of(1, plain));
    }

    @Provide
    Arbitrary<List<String>> hostnames() {
        return hostname().list().ofMinSize(0).ofMaxSize(30);
    }

    /**
     * Names whose zero padding depends only on the prefix, as real clusters name nodes. Mixing {@code a9},
     * {@code a09} and {@code a10} makes Slurm itself order-dependent ({@code a[9,09-10]} or {@code a[9-10,09]},
     * recorded with libslurm 22.05.8), so order independence only holds for consistently padded names.
     */
    @Provide
    Arbitrary<List<String>> consistentlyPaddedHostnames() {
        Arbitrary<String> name = Combinators.combine(Arbitraries.integers().between(0, PREFIXES.size() - 1),
                        Arbitraries.integers().between(0, 1100))
                .as((i, n) -> PREFIXES.get(i) + HostRange.pad(n, i % 4));
        return name.list().ofMinSize(0).ofMaxSize(30);
    }

    @Property(tries = 10000)
    void expandOfCompressIsTheSameSetInSlurmsOrder(@ForAll("hostnames") List<String> names) {
        String compressed = Hostlist.compress(names);
        List<String> expanded = Hostlist.expand(compressed);

        // Slurm's uniq drops only duplicates that sort next to each other; with mixed zero padding they may not
        // (libslurm 22.05.8: scontrol show hostlistsorted rack1-n00,rack1-n9,rack1-n10,rack1-n10 ->
        // rack1-n[9-10,00,10]), and compress must say what Slurm says. So: the same set, not a duplicate-free list.
        assertThat(new HashSet<>(expanded)).isEqualTo(new HashSet<>(names));
        // Already in Slurm's order: compressing it keeping the order changes nothing.
        assertThat(Hostlist.compressInOrder(expanded)).isEqualTo(compressed);
        assertThat(Hostlist.compress(expanded)).isEqualTo(compressed);
    }

    @Property(tries = 2000)
    void compressIgnoresOrderAndDuplicates(@ForAll("consistentlyPaddedHostnames") List<String> names, @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(names);
        shuffled.addAll(names.subList(0, names.size() / 2));
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Hostlist.compress(shuffled)).isEqualTo(Hostlist.compress(names));
    }

    @Property(tries = 2000)
    void compressInOrderRoundTripsExactly(@ForAll("hostnames") List<String> names) {
        assertThat(Hostlist.expand(Hostlist.compressInOrder(names))).containsExactlyElementsOf(names);
    }

    @Provide
    Arbitrary<String> expression() {
        Arbitrary<String> number = Combinators.combine(Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 3)).as(HostRange::pad);
        Arbitrary<String> range = Combinators.combine(number, Arbitraries.integers().between(0, 12),
                        Arbitraries.of(true, false))
                .as((lo, span, single) -> single ? lo : lo + "-" + (Long.parseLong(lo) + span));
        Arbitrary<String> bracket = range.list().ofMinSize(1).ofMaxSize(3).map(r -> "[" + String.join(",", r) + "]");
        Arbitrary<String> literal = Arbitraries.of("a", "rack", "-n", "n1-", "x", "");
        Arbitrary<String> token = Combinators.combine(literal, bracket.list().ofMaxSize(3), literal.list().ofSize(3),
                        Arbitraries.integers().between(0, 99))
                .as((head, brackets, lits, n) -> {
                    if (brackets.isEmpty()) {
                        return head + n;
                    }
                    var sb = new StringBuilder(head);
                    for (int i = 0; i < brackets.size(); i++) {
                        sb.append(brackets.get(i));
                        if (i < brackets.size() - 1) {
                            sb.append(lits.get(i));
                        }
                    }
                    return sb.toString();
                });
        return token.list().ofMinSize(1).ofMaxSize(3).map(t -> String.join(",", t));
    }

    @Property(tries = 3000)
    void compressOfExpandIsIdempotent(@ForAll("expression") String expression) {
        List<String> names = Hostlist.expand(expression);
        String once = Hostlist.compress(names);
        assertThat(Hostlist.compress(Hostlist.expand(once))).isEqualTo(once);
        assertThat(new HashSet<>(Hostlist.expand(once))).isEqualTo(new HashSet<>(names));
    }
}
