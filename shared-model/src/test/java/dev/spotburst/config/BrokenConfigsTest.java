package dev.spotburst.config;

import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case per rule family: {@code configs/broken/<case>.partitions.json} and/or {@code <case>.config.json}
 * (the missing one is taken from {@code configs/base/}), with {@code <case>.expected} holding every problem line
 * the loader must report — no more, no fewer, in order.
 */
class BrokenConfigsTest {

    private static final Path BROKEN = TestFiles.CONFIGS.resolve("broken");
    private static final Path BASE = TestFiles.CONFIGS.resolve("base");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected"))
                    .map(n -> n.substring(0, n.length() - ".expected".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(String name) {
        String partitions = input(name, "partitions.json");
        String config = input(name, "config.json");
        ConfigResult result = ConfigLoader.parse(partitions, config, OfflineInstanceTypeCatalog.load());
        List<String> actual = result.problems().stream().map(ConfigProblem::toString).toList();
        Path expectedFile = BROKEN.resolve(name + ".expected");
        if (TestFiles.updateGolden()) {
            TestFiles.write(expectedFile, String.join("\n", actual) + "\n");
        }
        List<String> expected = TestFiles.read(expectedFile).lines().filter(l -> !l.isBlank()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(result.ok()).isEqualTo(expected.stream().noneMatch(l -> l.startsWith("error:")));
    }

    private static String input(String name, String kind) {
        Path own = BROKEN.resolve(name + "." + kind);
        return TestFiles.read(Files.exists(own) ? own : BASE.resolve(kind));
    }
}
