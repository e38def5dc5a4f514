package dev.spotburst.functions.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotburst.json.Json;
import software.amazon.awssdk.core.SdkPojo;

import java.util.Collection;

/** Renders an SDK request in the API's own member names, so expected files read like the EC2 API reference. */
final class SdkJson {
    private SdkJson() {
    }

    static String write(SdkPojo pojo) throws Exception {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node(pojo));
    }

    private static ObjectNode node(SdkPojo pojo) {
        var o = JsonNodeFactory.instance.objectNode();
        for (var f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (v == null || (v instanceof Collection<?> c && c.isEmpty()
                    && c.getClass().getSimpleName().contains("AutoConstruct"))) {
                continue;
            }
            o.set(f.memberName(), value(v));
        }
        return o;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Object v) {
        if (v instanceof SdkPojo p) {
            return node(p);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        return Json.mapper().valueToTree(v);
    }
}
