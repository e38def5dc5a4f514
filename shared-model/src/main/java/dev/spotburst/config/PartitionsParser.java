package dev.spotburst.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and checks {@code partitions.json}: partitions, their node groups, and names unique across the file. */
final class PartitionsParser {

    private static final Set<String> KNOWN_ROOT = Set.of("Partitions");
    private static final Set<String> KNOWN = Set.of("PartitionName", "NodeGroups", "PartitionOptions");
    /** Written by the generator itself; a second value would make Slurm's line ambiguous. */
    private static final Set<String> OWNED_OPTIONS = Set.of("partitionname", "nodes");

    private final Problems problems;
    private final ParseContext context;
    /** Lower-cased {@code <partition>-<group>} -> where it was first seen: host names ignore case. */
    private final Map<String, String> groupPaths = new HashMap<>();
    private final Map<String, String> partitionPaths = new HashMap<>();

    PartitionsParser(Problems problems, ParseContext context) {
        this.problems = problems;
        this.context = context;
    }

    List<PartitionConfig> parse(JsonNode root) {
        Fields f = Fields.of(root, "$", problems, "a JSON object {\"Partitions\": [...]} (partitions.json of the "
                + "AWS plugin for Slurm)");
        List<PartitionConfig> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        f.warnUnknown(KNOWN_ROOT);
        ArrayNode partitions = f.array("Partitions", true, true, "a non-empty array of partitions");
        if (partitions == null) {
            return out;
        }
        for (int i = 0; i < partitions.size(); i++) {
            PartitionConfig p = partition(partitions.get(i), Problems.index(f.path("Partitions"), i));
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private PartitionConfig partition(JsonNode node, String path) {
        Fields f = Fields.of(node, path, problems, "a partition object with PartitionName and NodeGroups");
        if (f == null) {
            return null;
        }
        int errorsBefore = problems.errorCount();
        f.warnUnknown(KNOWN);
        String name = f.string("PartitionName", true, NodeGroupParser.NAME, "a name matching ^[a-zA-Z0-9]+$ "
                + "(letters and digits only: it becomes part of the Slurm node names)");
        if (name != null) {
            String first = partitionPaths.putIfAbsent(name, f.path("PartitionName"));
            if (first != null) {
                problems.error(f.path("PartitionName"), f.raw("PartitionName"), "a partition name not used before "
                        + "(also at " + first + ")");
            }
        }
        Map<String, String> options = f.slurmWords("PartitionOptions", "an object of Slurm partition options, "
                + "e.g. {\"Default\": \"yes\"}");
        if (options != null) {
            options.keySet().stream().filter(k -> OWNED_OPTIONS.contains(k.toLowerCase(Locale.ROOT))).forEach(k ->
                    problems.errorText(Problems.child(f.path("PartitionOptions"), k), Problems.quote(options.get(k)),
                            "no " + k + " (spotburst writes it from PartitionName and NodeGroups)"));
        }
        ArrayNode groups = f.array("NodeGroups", true, true, "a non-empty array of node groups");
        List<NodeGroupConfig> parsed = new ArrayList<>();
        if (groups != null) {
            NodeGroupParser groupParser = new NodeGroupParser(problems, context);
            for (int i = 0; i < groups.size(); i++) {
                String groupPath = Problems.index(f.path("NodeGroups"), i);
                checkUniqueNodes(name, groups.get(i), groupPath);
                NodeGroupConfig g = groupParser.parse(groups.get(i), groupPath, name);
                if (g != null) {
                    parsed.add(g);
                }
            }
        }
        if (problems.errorCount() > errorsBefore) {
            return null;
        }
        return new PartitionConfig(name, parsed, options);
    }

    /**
     * Node names are {@code <partition>-<group>-<i>}: two groups with the same name in one partition, or names
     * differing only in case (host names are case-insensitive), would give two groups the same nodes.
     */
    private void checkUniqueNodes(String partition, JsonNode group, String groupPath) {
        JsonNode name = group.path("NodeGroupName");
        if (partition == null || !name.isTextual() || !NodeGroupParser.NAME.matcher(name.asText()).matches()) {
            return;
        }
        String id = partition + "-" + name.asText();
        String first = groupPaths.putIfAbsent(id.toLowerCase(Locale.ROOT), groupPath);
        if (first != null) {
            problems.error(Problems.child(groupPath, "NodeGroupName"), name, "a node group name whose nodes ("
                    + id + "-...) do not clash with those of " + first + " (node names ignore case)");
        }
    }
}
