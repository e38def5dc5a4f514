package dev.spotburst.hostlist;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replays the cases recorded from real Slurm 22.05.8 in {@code hostlist-cases.tsv}. */
class HostlistCasesTest {

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = HostlistCasesTest.class.getResourceAsStream("/hostlist-cases.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t", -1))
                    .map(f -> Arguments.of(f[0], f[1], f[2]))
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("cases")
    void matchesSlurm(String op, String input, String expected) {
        switch (op) {
            case "hostnames" -> assertThat(String.join(" ", Hostlist.expand(input))).isEqualTo(expected);
            case "invalid" -> assertThatThrownBy(() -> Hostlist.expand(input))
                    .isInstanceOf(HostlistSyntaxException.class)
                    .hasMessageContaining("'" + input + "'");
            case "hostlist" -> assertThat(Hostlist.compressInOrder(names(input))).isEqualTo(expected);
            case "uniq" -> assertThat(Hostlist.compress(names(input))).isEqualTo(expected);
            default -> throw new IllegalStateException("unknown op " + op);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void compressedFormsExpandBackToTheirNames(String op, String input, String expected) {
        if (op.equals("hostlist")) {
            assertThat(Hostlist.expand(expected)).containsExactlyElementsOf(names(input));
        } else if (op.equals("uniq")) {
            assertThat(Hostlist.expand(expected)).containsExactlyInAnyOrderElementsOf(
                    names(input).stream().distinct().toList());
        }
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.asList(commaSeparated.split(","));
    }
}
