package dev.spotburst.hostlist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HostlistErrorsTest {

    @ParameterizedTest(name = "{0} -> position {1}")
    @CsvSource(delimiter = '|', value = {
            "a[1-       | 4  | unclosed '[' (opened at position 1)",
            "a[1-2],b[3 | 10 | unclosed '[' (opened at position 8)",
            "a]         | 1  | ']' without a matching '['",
            "a[1-2]]    | 6  | ']' without a matching '['",
            "a[[1-2]    | 2  | '[' inside brackets (opened at position 1)",
            "a[]        | 2  | empty brackets",
            "a[1,,2]    | 4  | empty range",
            "a[x]       | 2  | expected a number, got 'x'",
            "a[-1]      | 2  | expected a number, got '-'",
            "a[1-]      | 4  | missing upper bound of range",
            "a[1-10:2]  | 6  | expected ',' or ']', got ':'",
            "a[1x2]     | 3  | expected '-', ',' or ']', got 'x' (Slurm has no stepped ranges)",
            "a[5-3]     | 2  | range 5-3 goes downwards",
            "a[1-2]b    | 6  | text after the last ']' of a name (Slurm only allows it between brackets)",
            "x,rack[1-2]-n | 11 | text after the last ']' of a name (Slurm only allows it between brackets)",
            "a[1-70000] | 2  | range 1-70000 has more than 65536 numbers (Slurm's limit per range)",
            "a[1234567890123456789] | 2 | number 1234567890123456789 is too large",
    })
    void namesThePosition(String expression, int position, String problem) {
        var e = catchThrowableOfType(HostlistSyntaxException.class, () -> Hostlist.expand(expression));
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.expression()).isEqualTo(expression);
        assertThat(e).hasMessage("bad hostlist '" + expression + "' at position " + position + ": " + problem);
    }

    @Test
    void pointerPutsACaretUnderThePosition() {
        var e = catchThrowableOfType(HostlistSyntaxException.class, () -> Hostlist.expand("a[1-"));
        assertThat(e.getMessage()).isEqualTo("bad hostlist 'a[1-' at position 4: unclosed '[' (opened at position 1)");
        assertThat(e.pointer()).isEqualTo("a[1-\n    ^");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capsTheExpansion() {
        assertThatThrownBy(() -> Hostlist.expand("n[1-60000]x[1-60000]"))
                .isInstanceOf(HostlistSyntaxException.class)
                .hasMessage("bad hostlist 'n[1-60000]x[1-60000]' at position 0: expands to more than 1000000 hostnames");
        assertThatThrownBy(() -> Hostlist.expand("a[1-3],b[1-3]", 5))
                .hasMessage("bad hostlist 'a[1-3],b[1-3]' at position 7: expands to more than 5 hostnames");
        assertThat(Hostlist.expand("a[1-5]", 5)).hasSize(5);
    }

    @Test
    void expandsTheCapExactly() {
        List<String> names = Hostlist.expand("n[0-999]x[0-999]");
        assertThat(names).hasSize(Hostlist.MAX_HOSTS).startsWith("n0x0", "n0x1").endsWith("n999x999");
    }

    @Test
    void nullAndBadHostnamesAreRejected() {
        assertThatThrownBy(() -> Hostlist.expand(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hostlist expression is null");
        assertThatThrownBy(() -> Hostlist.compress(List.of("a1", "b[1]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a hostname: 'b[1]' (contains '[' at position 1)");
        assertThatThrownBy(() -> Hostlist.compress(List.of("")))
                .hasMessage("not a hostname: ''");
        assertThatThrownBy(() -> Hostlist.compressInOrder(List.of("a b")))
                .hasMessage("not a hostname: 'a b' (contains ' ' at position 1)");
    }

    @Test
    void emptyInputs() {
        assertThat(Hostlist.expand("")).isEmpty();
        assertThat(Hostlist.expand(" , ,")).isEmpty();
        assertThat(Hostlist.compress(List.of())).isEmpty();
        assertThat(Hostlist.compressInOrder(List.of())).isEmpty();
    }
}
