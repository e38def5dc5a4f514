package dev.spotburst.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One {@code NodeGroups} entry of partitions.json: the plugin's fields plus spotburst's {@code Spotburst} block. */
final class NodeGroupParser {

    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9]+$");
    static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
    /** Beyond this a group is almost certainly a typo; Slurm and EC2 quotas make it unusable anyway. */
    static final int MAX_NODES_LIMIT = 100_000;
    static final int MAX_NODES_WARN = 10_000;
    private static final Set<String> KNOWN = Set.of("NodeGroupName", "MaxNodes", "Region", "ProfileName",
            "PurchasingOption", "OnDemandOptions", "SpotOptions", "LaunchTemplateSpecification",
            "LaunchTemplateOverrides", "SubnetIds", "Tags", "SlurmSpecifications", "Spotburst");

    private final Problems problems;
    private final ParseContext context;

    NodeGroupParser(Problems problems, ParseContext context) {
        this.problems = problems;
        this.context = context;
    }

    /** The group when it is valid; null (with every problem reported) otherwise. */
    NodeGroupConfig parse(JsonNode node, String path, String partitionName) {
        Fields f = Fields.of(node, path, problems, "a node group object");
        if (f == null) {
            return null;
        }
        int errorsBefore = problems.errorCount();
        f.warnUnknown(KNOWN);
        String name = f.string("NodeGroupName", true, NAME, "a name matching ^[a-zA-Z0-9]+$ (letters and digits "
                + "only: it becomes part of the Slurm node names)");
        Integer maxNodes = f.integer("MaxNodes", true, 1, MAX_NODES_LIMIT, "an integer >= 1 (at most "
                + MAX_NODES_LIMIT + ")");
        if (maxNodes != null && maxNodes > MAX_NODES_WARN) {
            problems.warning(f.path("MaxNodes"), f.raw("MaxNodes"), "at most " + MAX_NODES_WARN + " nodes per group "
                    + "(larger groups are unusual; check the EC2 vCPU quota and Slurm's TreeWidth)");
        }
        String region = f.string("Region", true, REGION, "an AWS region such as \"us-east-1\"");
        String profile = f.string("ProfileName", false, null, "an AWS CLI profile name");
        if (profile != null) {
            problems.warning(f.path("ProfileName"), f.raw("ProfileName"), "nothing (spotburst's control plane "
                    + "uses its own IAM role; the profile is ignored)");
        }
        Market market = market(f);
        FleetOptionsRules.Result options = new FleetOptionsRules(problems).parse(f, market);
        InterruptionBehavior behavior = market == Market.SPOT ? options.behavior() : InterruptionBehavior.TERMINATE;
        LaunchTemplateRules lt = new LaunchTemplateRules(problems, context.catalog());
        LaunchTemplateRef template = lt.template(f);
        List<InstanceOverride> overrides = lt.overrides(f, market, behavior);
        List<String> subnets = new SubnetRules(problems, context.subnets()).subnetIds(f, region);
        List<Tag> tags = new TagRules(problems).tags(f);
        Map<String, String> slurmSpecs = slurmSpecifications(f);
        NodeGroupExtensions ext = new GroupExtensionsParser(problems)
                .parse(f, maxNodes == null ? Integer.MAX_VALUE : maxNodes, market, behavior, slurmSpecs);
        if (problems.errorCount() > errorsBefore) {
            return null;
        }
        return new NodeGroupConfig(partitionName, name, maxNodes, region, profile, market,
                options.onDemandOptions(), options.spotOptions(), template, overrides, subnets, tags, slurmSpecs, ext);
    }

    private Market market(Fields f) {
        String p = f.string("PurchasingOption", true, null, "\"spot\" or \"on-demand\"");
        if (p == null) {
            return null;
        }
        return switch (p) {
            case "spot" -> Market.SPOT;
            case "on-demand" -> Market.ON_DEMAND;
            default -> {
                problems.error(f.path("PurchasingOption"), f.raw("PurchasingOption"), "\"spot\" or \"on-demand\"");
                yield null;
            }
        };
    }

    /** Emitted as Key=Value on the NodeName line; the keys spotburst owns cannot be overridden. */
    private Map<String, String> slurmSpecifications(Fields f) {
        Map<String, String> specs = f.slurmWords("SlurmSpecifications",
                "an object of Slurm node parameters, e.g. {\"Gres\": \"gpu:1\"}");
        if (specs == null) {
            return Map.of();
        }
        for (String owned : List.of("NodeName", "State", "NodeAddr", "NodeHostname")) {
            specs.keySet().stream().filter(k -> k.equalsIgnoreCase(owned)).findFirst().ifPresent(k ->
                    problems.errorText(Problems.child(f.path("SlurmSpecifications"), k), Problems.quote(specs.get(k)),
                            "no " + k + " (spotburst sets it: nodes are State=CLOUD and learn their address)"));
        }
        return specs;
    }

}
