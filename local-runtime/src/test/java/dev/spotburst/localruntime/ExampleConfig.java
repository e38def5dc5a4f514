package dev.spotburst.localruntime;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled example configuration ({@code examples/}), as the demo uses it. */
public final class ExampleConfig {
    private ExampleConfig() {
    }

    public static ClusterConfig load() {
        Path examples = Path.of("..", "examples");
        try {
            return ConfigLoader.parse(Files.readString(examples.resolve("partitions.json")),
                    Files.readString(examples.resolve("config.json")), OfflineInstanceTypeCatalog.load()).config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
