package dev.spotburst.cli;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --partitions} / {@code --config} pair shared by config commands. Without {@code --partitions} the
 * example bundled in the jar is used, so a new user sees the whole flow before writing a file.
 */
final class ConfigFiles {

    @Option(names = "--partitions", paramLabel = "FILE",
            description = "partitions.json (AWS plugin for Slurm format). Default: the bundled example.")
    Path partitions;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config.json (AWS plugin for Slurm format). Default: the bundled example when "
                    + "--partitions is not given, else built-in defaults.")
    Path config;

    ConfigResult load(PrintWriter err) {
        var catalog = OfflineInstanceTypeCatalog.load();
        if (partitions == null) {
            err.println("note: no --partitions given; using the bundled example (examples/partitions.json, examples/config.json)");
            err.flush();
            String configText = config == null ? resource("examples/config.json") : read(config);
            return ConfigLoader.parse(resource("examples/partitions.json"), configText, catalog);
        }
        for (Path p : new Path[] {partitions, config}) {
            if (p != null && !Files.isReadable(p)) {
                throw new InvalidInputException("spotburst: cannot read '" + p + "'");
            }
        }
        return ConfigLoader.load(partitions, config, catalog);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new InvalidInputException("spotburst: cannot read '" + p + "': " + e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
