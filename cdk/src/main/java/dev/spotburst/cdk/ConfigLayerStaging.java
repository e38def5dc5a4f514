package dev.spotburst.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotburst.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

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
        return stage(dir, partitionsJson, configJson, Optional.empty());
    }

    /**
     * As {@link #stage(Path, Path, Path)}, but with {@code Spotburst.ClusterName} in the staged config.json set to
     * {@code clusterName} when given: the functions refuse to start when their {@code SPOTBURST_CLUSTER} and the
     * layer's config.json disagree, so a {@code -c clusterName=} override must reach the layer too.
     */
    public static Path stage(Path dir, Path partitionsJson, Path configJson, Optional<String> clusterName) {
        try {
            Path target = dir.resolve(FOLDER);
            Files.createDirectories(target);
            try (var old = Files.list(target)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            Files.copy(partitionsJson, target.resolve("partitions.json"), StandardCopyOption.REPLACE_EXISTING);
            if (clusterName.isPresent()) {
                Files.writeString(target.resolve("config.json"), withClusterName(Files.readString(configJson),
                        clusterName.get()));
            } else {
                Files.copy(configJson, target.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the config layer in " + dir, e);
        }
    }

    /** config.json's text with {@code Spotburst.ClusterName} set (the block is created if absent); all else kept. */
    static String withClusterName(String configJson, String clusterName) throws IOException {
        JsonNode root = Json.mapper().readTree(configJson);
        if (!(root instanceof ObjectNode object)) {
            throw new IllegalArgumentException("config.json: expected a JSON object at $, got " + root.getNodeType());
        }
        JsonNode block = object.get("Spotburst");
        ObjectNode spotburst = block instanceof ObjectNode o ? o : object.putObject("Spotburst");
        spotburst.put("ClusterName", clusterName);
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(object) + "\n";
    }
}
