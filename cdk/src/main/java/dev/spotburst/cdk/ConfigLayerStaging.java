package dev.spotburst.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Lays out the config layer: a Lambda layer is unpacked under {@code /opt}, so the user's files go to
 * {@code <dir>/spotburst/} to appear as {@code /opt/spotburst/partitions.json} and {@code config.json}.
 */
public final class ConfigLayerStaging {

    public static final String FOLDER = "spotburst";

    private ConfigLayerStaging() {
    }

    /** (Re)creates {@code dir} holding exactly the two files; returns {@code dir}. */
    public static Path stage(Path dir, Path partitionsJson, Path configJson) {
        try {
            Path target = dir.resolve(FOLDER);
            Files.createDirectories(target);
            try (var old = Files.list(target)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            Files.copy(partitionsJson, target.resolve("partitions.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(configJson, target.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the config layer in " + dir, e);
        }
    }
}
