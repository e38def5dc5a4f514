package dev.spotburst.config;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Tags}: {@code [{Key, Value}]}. spotburst owns {@code Name=<node name>} (where the launch carries it, or
 * everywhere with {@code Spotburst.NodeNameTags: "always"}) and {@code spotburst:*}, so those keys cannot be set;
 * {@code aws:} is reserved by AWS.
 */
final class TagRules {

    static final Set<String> PLACEHOLDERS = Set.of("ip_address", "node_name", "hostname");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> KNOWN = Set.of("Key", "Value");

    private final Problems problems;

    TagRules(Problems problems) {
        this.problems = problems;
    }

    List<Tag> tags(Fields group) {
        ArrayNode array = group.array("Tags", false, false, "an array of {\"Key\": ..., \"Value\": ...} objects");
        List<Tag> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = Problems.index(group.path("Tags"), i);
            Fields t = Fields.of(array.get(i), path, problems, "an object {\"Key\": ..., \"Value\": ...}");
            if (t == null) {
                continue;
            }
            t.warnUnknown(KNOWN);
            String key = t.string("Key", true, Pattern.compile("^.{1,128}$"), "a tag key of 1 to 128 characters");
            String value = "";
            if (t.has("Value")) {
                var v = t.raw("Value");
                if (v.isTextual() && v.asText().length() <= 256) {
                    value = v.asText();
                } else {
                    problems.error(t.path("Value"), v, "a tag value: a string of at most 256 characters");
                    value = null;
                }
            }
            if (key == null) {
                continue;
            }
            if (key.equals("Name")) {
                problems.error(t.path("Key"), t.raw("Key"), "a key other than \"Name\" (spotburst sets Name to the "
                        + "node name; compute nodes read it to start slurmd)");
            } else if (key.regionMatches(true, 0, "aws:", 0, 4) || key.startsWith("spotburst:")) {
                problems.error(t.path("Key"), t.raw("Key"), "a key not starting with \"aws:\" or \"spotburst:\" "
                        + "(reserved)");
            } else if (!keys.add(key)) {
                problems.error(t.path("Key"), t.raw("Key"), "each tag key once per group");
            }
            if (value == null) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    problems.warning(t.path("Value"), t.raw("Value"), "only the placeholders {ip_address}, "
                            + "{node_name} and {hostname} ({" + m.group(1) + "} is kept as written)");
                }
            }
            out.add(new Tag(key, value));
        }
        return out;
    }
}
