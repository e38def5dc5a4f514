package dev.spotburst.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the AWS plugin for Slurm's two files into a {@link ClusterConfig}, reporting every problem at once with
 * its file, JSON path, value and expectation. Errors block; warnings (unknown fields, things that cannot be
 * checked offline, settings spotburst ignores) do not.
 *
 * <p>config.json is read first: its {@code Spotburst.SubnetAvailabilityZones} lets partitions.json's subnets be
 * checked for one-per-AZ without calling EC2.
 */
public final class ConfigLoader {

    static final String PARTITIONS_FILE = "partitions.json";
    static final String CONFIG_FILE = "config.json";

    /** Duplicate keys would otherwise silently keep the last value; trailing text would be ignored. */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigLoader() {
    }

    /** Reads both files; {@code configJson} may be null, meaning spotburst's defaults. */
    public static ConfigResult load(Path partitionsJson, Path configJson, InstanceTypeCatalog catalog) {
        return parse(read(partitionsJson), configJson == null ? null : read(configJson), catalog);
    }

    public static ConfigResult parse(String partitionsJson, String configJson, InstanceTypeCatalog catalog) {
        return parse(partitionsJson, configJson, catalog, null);
    }

    /**
     * As {@link #parse(String, String, InstanceTypeCatalog)}, with subnet zones from {@code subnets} (e.g. backed
     * by EC2 DescribeSubnets) instead of config.json's {@code SubnetAvailabilityZones}; null means the latter.
     */
    public static ConfigResult parse(String partitionsJson, String configJson, InstanceTypeCatalog catalog,
            SubnetDirectory subnets) {
        List<ConfigProblem> sink = new ArrayList<>();
        Problems configProblems = new Problems(CONFIG_FILE, sink);
        Problems partitionProblems = new Problems(PARTITIONS_FILE, sink);

        PluginConfig plugin = PluginConfigParser.defaultConfig();
        if (configJson != null) {
            JsonNode root = readTree(configJson, configProblems);
            plugin = root == null ? null : new PluginConfigParser(configProblems).parse(root);
        }
        SubnetDirectory directory = subnets != null ? subnets
                : plugin == null ? SubnetDirectory.UNKNOWN : plugin.spotburst().subnetDirectory();

        JsonNode partitionsRoot = readTree(partitionsJson, partitionProblems);
        List<PartitionConfig> partitions = partitionsRoot == null ? List.of()
                : new PartitionsParser(partitionProblems, new ParseContext(catalog, directory)).parse(partitionsRoot);

        if (plugin == null) {
            return new ConfigResult(sink, null);
        }
        ClusterConfig config = new ClusterConfig(partitions, plugin);
        new CrossFileRules(configProblems).check(config);
        return new ConfigResult(sink, config);
    }

    private static JsonNode readTree(String text, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.errorText("$", "an empty file", "a JSON object");
            return null;
        }
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            problems.errorText("$", "malformed JSON" + where + " (" + firstLine(e.getOriginalMessage()) + ")",
                    "valid JSON");
            return null;
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
