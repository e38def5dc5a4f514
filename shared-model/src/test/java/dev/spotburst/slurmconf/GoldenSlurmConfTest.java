package dev.spotburst.slurmconf;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.config.TestFiles;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected-output tests: the bundled examples and a few focused configurations against the slurm.conf fragment
 * checked in beside them ({@code configs/golden/<case>.slurm.conf}). The header version is pinned to "TEST".
 */
class GoldenSlurmConfTest {

    private static final Path GOLDEN = TestFiles.CONFIGS.resolve("golden");

    @Test
    void bundledExamplesValidateWithoutAnyProblem() {
        ConfigResult result = ConfigLoader.load(TestFiles.EXAMPLES.resolve("partitions.json"),
                TestFiles.EXAMPLES.resolve("config.json"), OfflineInstanceTypeCatalog.load());
        assertThat(result.problems()).isEmpty();
        assertGolden(result, "examples");
    }

    /** {@code <case>.partitions.json} with {@code <case>.config.json}, or spotburst's defaults when absent. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "merged-parameters", "user-specifications", "plugin-unchanged"})
    void generatesTheCheckedInFragment(String name) {
        Path config = GOLDEN.resolve(name + ".config.json");
        ConfigResult result = ConfigLoader.load(GOLDEN.resolve(name + ".partitions.json"),
                Files.exists(config) ? config : null, OfflineInstanceTypeCatalog.load());
        assertThat(result.errors()).isEmpty();
        assertGolden(result, name);
    }

    private static void assertGolden(ConfigResult result, String name) {
        String actual = SlurmConfGenerator.generate(result.config(), OfflineInstanceTypeCatalog.load(), "TEST");
        Path expected = GOLDEN.resolve(name + ".slurm.conf");
        if (TestFiles.updateGolden()) {
            TestFiles.write(expected, actual);
        }
        assertThat(actual).isEqualTo(TestFiles.read(expected));
    }
}
