package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** CreateTags, DeleteTags, DescribeTags (API Reference; tag limits from EC2 User Guide, "Tag restrictions"). */
final class TagActions {

    private static final Set<String> FILTERS = Set.of("resource-id", "resource-type", "key", "value");

    private final World w;

    TagActions(World w) {
        this.w = w;
    }

    String create(QueryParams p, String requestId) {
        List<String> resources = p.list("ResourceId");
        if (resources.isEmpty()) {
            throw Ec2ApiException.missing("ResourceId");
        }
        if (p.items("Tag").isEmpty()) {
            throw Ec2ApiException.missing("Tag");
        }
        Map<String, String> tags = TagSpecs.tags(p, "Tag");
        return w.locked(() -> {
            resources.forEach(id -> ResourceIds.requireTaggable(w, id));
            for (String id : resources) {
                Map<String, String> merged = new LinkedHashMap<>(w.tagsOf(id));
                merged.putAll(tags);
                if (merged.size() > 50) {
                    throw new Ec2ApiException("TagLimitExceeded", "The maximum number of tags per resource is 50");
                }
            }
            for (String id : resources) {
                w.tags.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(tags);
            }
            return Xml.response("CreateTags", requestId).field("return", true).finish();
        });
    }

    String delete(QueryParams p, String requestId) {
        List<String> resources = p.list("ResourceId");
        if (resources.isEmpty()) {
            throw Ec2ApiException.missing("ResourceId");
        }
        List<QueryParams> tags = p.items("Tag");
        return w.locked(() -> {
            resources.forEach(id -> ResourceIds.requireTaggable(w, id));
            for (String id : resources) {
                Map<String, String> have = w.tags.get(id);
                if (have == null) {
                    continue;
                }
                if (tags.isEmpty()) {
                    // DeleteTags without Tag.N deletes every user tag of the resource.
                    have.keySet().removeIf(k -> !k.startsWith("aws:"));
                }
                for (QueryParams t : tags) {
                    String k = t.required("Key");
                    // A value given (even "") must match; no value deletes the key whatever its value.
                    if (t.has("Value") && t.get("Value") != null && !t.get("Value").equals(have.get(k))) {
                        continue;
                    }
                    have.remove(k);
                }
            }
            return Xml.response("DeleteTags", requestId).field("return", true).finish();
        });
    }

    String describe(QueryParams p, String requestId) {
        Filters filters = Filters.parse(p, FILTERS);
        return w.locked(() -> {
            List<String[]> rows = new ArrayList<>();
            for (var e : new TreeMap<>(w.tags).entrySet()) {
                String id = e.getKey();
                if (id.startsWith("i-") && !w.instances.containsKey(id)) {
                    continue;
                }
                for (var t : e.getValue().entrySet()) {
                    String[] row = {id, ResourceIds.resourceType(id), t.getKey(), t.getValue()};
                    if (filters.matches(name -> attribute(row, name), Map.of())) {
                        rows.add(row);
                    }
                }
            }
            Page<String[]> page = Page.of(rows, p, "DescribeTags", 5, 1000);
            Xml x = Xml.response("DescribeTags", requestId).start("tagSet");
            for (String[] r : page.items()) {
                x.item().field("resourceId", r[0]).field("resourceType", r[1]).field("key", r[2]).field("value", r[3]).end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    private static Collection<String> attribute(String[] row, String name) {
        return switch (name) {
            case "resource-id" -> List.of(row[0]);
            case "resource-type" -> row[1] == null ? List.of() : List.of(row[1]);
            case "key" -> List.of(row[2]);
            case "value" -> List.of(row[3]);
            default -> List.of();
        };
    }
}
