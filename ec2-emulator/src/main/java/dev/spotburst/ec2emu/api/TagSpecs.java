package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code TagSpecification.N.ResourceType / .Tag.M.Key / .Value} and {@code <tagSet>} rendering. */
final class TagSpecs {

    private TagSpecs() {
    }

    /** Tags for one resource type; a resource type outside {@code allowed} is InvalidParameterValue. */
    static Map<String, String> forType(QueryParams p, String listName, String type, Set<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams spec : p.items(listName)) {
            String rt = spec.required("ResourceType");
            if (!allowed.contains(rt)) {
                throw Ec2ApiException.invalidValue(spec.name("ResourceType"), rt,
                        "Expected one of " + String.join(", ", allowed) + " for this action.");
            }
            if (rt.equals(type)) {
                out.putAll(tags(spec, "Tag"));
            }
        }
        return out;
    }

    /** {@code Tag.N.Key/Value}; keys beginning with {@code aws:} are reserved (EC2 User Guide, "Tag restrictions"). */
    static Map<String, String> tags(QueryParams p, String listName) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams t : p.items(listName)) {
            String k = t.required("Key");
            if (k.toLowerCase().startsWith("aws:")) {
                throw Ec2ApiException.invalidValue(t.name("Key"), k, "Tag keys starting with 'aws:' are reserved for internal use.");
            }
            if (k.length() > 128) {
                throw Ec2ApiException.invalidValue(t.name("Key"), k, "Tag keys may be at most 128 characters.");
            }
            String v = t.opt("Value").orElse("");
            if (v.length() > 256) {
                throw Ec2ApiException.invalidValue(t.name("Value"), v, "Tag values may be at most 256 characters.");
            }
            out.put(k, v);
        }
        if (out.size() > 50) {
            throw new Ec2ApiException("TagLimitExceeded", "The maximum number of tags per resource is 50");
        }
        return out;
    }

    static void tagSet(Xml x, Map<String, String> tags) {
        x.start("tagSet");
        tags.forEach((k, v) -> x.item().field("key", k).field("value", v).end());
        x.end();
    }

    static final Set<String> RUN_INSTANCES_TYPES = Set.of("instance", "volume", "network-interface", "spot-instances-request");
    static final Set<String> FLEET_TYPES = Set.of("fleet", "instance");
}
