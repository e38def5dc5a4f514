package dev.spotburst.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test inputs on disk: surefire runs in the module folder, so paths are relative to shared-model/. */
public final class TestFiles {

    public static final Path CONFIGS = Path.of("src/test/resources/configs");
    public static final Path EXAMPLES = Path.of("../examples");

    private TestFiles() {
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Golden files are rewritten instead of compared when run with -Dspotburst.updateGolden=true. */
    public static boolean updateGolden() {
        return Boolean.getBoolean("spotburst.updateGolden");
    }

    public static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
