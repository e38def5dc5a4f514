package dev.spotburst.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.instancetypes.InstanceTypeInfo;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code LaunchTemplateSpecification} and {@code LaunchTemplateOverrides}, including what only the instance-type
 * catalogue can tell: Spot availability, hibernation support, and one CPU architecture per group (one launch
 * template means one AMI).
 */
final class LaunchTemplateRules {

    static final Pattern TEMPLATE_ID = Pattern.compile("^lt-[0-9a-f]{8,17}$");
    static final Pattern TEMPLATE_NAME = Pattern.compile("^[a-zA-Z0-9().\\-/_]{3,128}$");
    static final Pattern VERSION = Pattern.compile("^(\\$Latest|\\$Default|[1-9][0-9]*)$");
    static final Pattern INSTANCE_TYPE = Pattern.compile("^[a-z][a-z0-9-]*\\.[a-z0-9-]+$");
    private static final Set<String> TEMPLATE_KNOWN = Set.of("LaunchTemplateId", "LaunchTemplateName", "Version");
    private static final Set<String> OVERRIDE_KNOWN = Set.of("InstanceType", "MaxPrice", "SubnetId",
            "AvailabilityZone", "WeightedCapacity", "Priority", "Placement", "ImageId", "InstanceRequirements");

    private final Problems problems;
    private final InstanceTypeCatalog catalog;

    LaunchTemplateRules(Problems problems, InstanceTypeCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    LaunchTemplateRef template(Fields group) {
        Fields f = group.object("LaunchTemplateSpecification", true, "an object with LaunchTemplateId or "
                + "LaunchTemplateName, and optionally Version");
        if (f == null) {
            return null;
        }
        f.warnUnknown(TEMPLATE_KNOWN);
        String id = f.string("LaunchTemplateId", false, TEMPLATE_ID, "a launch template id such as \"lt-0abc12345\"");
        String name = f.string("LaunchTemplateName", false, TEMPLATE_NAME, "a launch template name (3-128 "
                + "letters, digits or ( ) . - / _)");
        if (f.has("LaunchTemplateId") == f.has("LaunchTemplateName")) {
            problems.error(f.path(), f.node(), "exactly one of LaunchTemplateId and LaunchTemplateName");
        }
        String version = null;
        if (f.has("Version")) {
            JsonNode v = f.raw("Version");
            if ((v.isTextual() || v.isIntegralNumber()) && VERSION.matcher(v.asText()).matches()) {
                version = v.asText();
            } else {
                problems.error(f.path("Version"), v, "\"$Latest\", \"$Default\" or a version number");
            }
        }
        return new LaunchTemplateRef(id, name, version);
    }

    List<InstanceOverride> overrides(Fields group, Market market, InterruptionBehavior behavior) {
        ArrayNode array = group.array("LaunchTemplateOverrides", true, true, "a non-empty array of overrides, "
                + "each with an InstanceType, e.g. [{\"InstanceType\": \"m6i.2xlarge\"}]");
        List<InstanceOverride> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        InstanceTypeInfo firstKnown = null;
        for (int i = 0; i < array.size(); i++) {
            String path = Problems.index(group.path("LaunchTemplateOverrides"), i);
            Fields o = Fields.of(array.get(i), path, problems, "an override object with an InstanceType");
            if (o == null) {
                continue;
            }
            o.warnUnknown(OVERRIDE_KNOWN);
            for (String key : List.of("SubnetId", "AvailabilityZone")) {
                if (o.has(key)) {
                    problems.error(o.path(key), o.raw(key), "no " + key + " in an override (spotburst combines each "
                            + "override with every subnet in SubnetIds)");
                }
            }
            if (o.has("InstanceRequirements")) {
                problems.error(o.path("InstanceRequirements"), o.raw("InstanceRequirements"), "an explicit "
                        + "InstanceType instead (attribute-based selection is not supported)");
            }
            if (o.has("WeightedCapacity")) {
                problems.warning(o.path("WeightedCapacity"), o.raw("WeightedCapacity"), "nothing (every instance is "
                        + "one Slurm node; WeightedCapacity is ignored)");
            }
            String type = o.string("InstanceType", true, INSTANCE_TYPE, "an EC2 instance type such as "
                    + "\"m6i.2xlarge\"");
            if (type == null) {
                continue;
            }
            if (!seen.add(type)) {
                problems.warning(o.path("InstanceType"), o.raw("InstanceType"), "each instance type once per group");
            }
            Map<String, Object> extra = o.plainMap();
            extra.remove("InstanceType");
            out.add(new InstanceOverride(type, extra));
            Optional<InstanceTypeInfo> info = catalog.find(type);
            if (info.isEmpty()) {
                problems.warning(o.path("InstanceType"), o.raw("InstanceType"), "an instance type in the catalogue "
                        + "(unknown here: CPUs, memory"
                        + (behavior == InterruptionBehavior.HIBERNATE ? " and hibernation support" : "")
                        + " cannot be checked)");
                continue;
            }
            firstKnown = checkType(o, info.get(), market, behavior, firstKnown);
        }
        return out;
    }

    private InstanceTypeInfo checkType(Fields o, InstanceTypeInfo t, Market market, InterruptionBehavior behavior,
            InstanceTypeInfo firstKnown) {
        JsonNode v = o.raw("InstanceType");
        if (market == Market.SPOT && !t.supportsSpot()) {
            problems.error(o.path("InstanceType"), v, "an instance type offered as Spot (" + t.instanceType()
                    + " supports only " + String.join(", ", t.supportedUsageClasses()) + ")");
        }
        if (behavior == InterruptionBehavior.HIBERNATE) {
            t.hibernationBlocker().ifPresent(why -> problems.error(o.path("InstanceType"), v,
                    "an instance type that supports hibernation (" + why + ")"));
        }
        if (firstKnown == null) {
            return t;
        }
        if (!firstKnown.architectures().equals(t.architectures())) {
            problems.error(o.path("InstanceType"), v, "the same CPU architecture as " + firstKnown.instanceType()
                    + " (" + String.join("/", firstKnown.architectures()) + "); one launch template has one AMI, "
                    + t.instanceType() + " is " + String.join("/", t.architectures()));
        }
        return firstKnown;
    }
}
