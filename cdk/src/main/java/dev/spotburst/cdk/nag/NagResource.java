package dev.spotburst.cdk.nag;

import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a (possibly tokenised) IAM resource string the way cdk-nag quotes it in findings
 * ({@code Resource::arn:<AWS::Partition>:ec2:...}), so suppressions can list exact {@code appliesTo} entries
 * instead of regexes.
 */
public final class NagResource {

    private NagResource() {
    }

    public static List<String> appliesTo(IConstruct scope, List<String> resources) {
        return resources.stream().filter(r -> r.contains("*") || r.contains("${Token"))
                .map(r -> "Resource::" + render(Stack.of(scope).resolve(r))).distinct().toList();
    }

    public static String render(Object resolved) {
        if (resolved instanceof String s) {
            return s;
        }
        if (resolved instanceof Map<?, ?> m) {
            if (m.containsKey("Ref")) {
                return "<" + m.get("Ref") + ">";
            }
            if (m.get("Fn::GetAtt") instanceof List<?> l) {
                return "<" + l.stream().map(Object::toString).collect(Collectors.joining(".")) + ">";
            }
            if (m.get("Fn::Join") instanceof List<?> l && l.size() == 2 && l.get(1) instanceof List<?> parts) {
                return parts.stream().map(NagResource::render).collect(Collectors.joining(l.get(0).toString()));
            }
        }
        return String.valueOf(resolved);
    }
}
