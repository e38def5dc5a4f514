package dev.spotburst.cdk;

import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a synthesized template: every IAM statement wherever it lives, resources by type. */
final class TemplateQueries {

    record Statement(String policy, Map<String, Object> body) {

        List<String> actions() {
            return strings(body.get("Action"));
        }

        List<Object> resources() {
            Object r = body.get("Resource");
            return r instanceof List<?> l ? List.copyOf(l) : r == null ? List.of() : List.of(r);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> conditions() {
            Object c = body.get("Condition");
            return c == null ? Map.of() : (Map<String, Object>) c;
        }

        boolean allows() {
            return "Allow".equals(body.get("Effect"));
        }
    }

    private TemplateQueries() {
    }

    static Map<String, Map<String, Object>> resources(Template t, String type) {
        return t.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Statement> statements(Template t) {
        var out = new ArrayList<Statement>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            resources(t, type).forEach((id, r) -> addAll(out, id, props(r).get("PolicyDocument")));
        }
        resources(t, "AWS::IAM::Role").forEach((id, r) -> {
            Object policies = props(r).get("Policies");
            if (policies instanceof List<?> l) {
                l.forEach(p -> addAll(out, id, ((Map<String, Object>) p).get("PolicyDocument")));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void addAll(List<Statement> out, String id, Object document) {
        Object st = ((Map<String, Object>) document).get("Statement");
        for (Object s : (List<Object>) st) {
            out.add(new Statement(id, (Map<String, Object>) s));
        }
    }

    static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(o));
    }

    /** Logical id of the only resource of a type whose id starts with a prefix. */
    static String logicalId(Template t, String type, String prefix) {
        var ids = resources(t, type).keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " starting with " + prefix + ", found " + ids);
        }
        return ids.get(0);
    }

    /** Direct dependencies of each resource: Ref, Fn::GetAtt and DependsOn targets that are resources. */
    @SuppressWarnings("unchecked")
    static Map<String, java.util.Set<String>> dependencies(Template t) {
        var all = (Map<String, Object>) t.toJSON().get("Resources");
        var out = new java.util.TreeMap<String, java.util.Set<String>>();
        all.forEach((id, r) -> {
            var deps = new java.util.TreeSet<String>();
            collect(r, deps);
            Object dependsOn = ((Map<String, Object>) r).get("DependsOn");
            deps.addAll(strings(dependsOn));
            deps.retainAll(all.keySet());
            out.put(id, deps);
        });
        return out;
    }

    private static void collect(Object o, java.util.Set<String> deps) {
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("Ref".equals(k)) {
                    deps.add(String.valueOf(v));
                } else if ("Fn::GetAtt".equals(k) && v instanceof List<?> l) {
                    deps.add(String.valueOf(l.get(0)));
                } else {
                    collect(v, deps);
                }
            });
        } else if (o instanceof List<?> l) {
            l.forEach(x -> collect(x, deps));
        }
    }

    /** Everything a resource depends on, directly or not. */
    static java.util.Set<String> transitiveDependencies(Map<String, java.util.Set<String>> graph, String id) {
        var seen = new java.util.TreeSet<String>();
        var todo = new java.util.ArrayDeque<>(graph.getOrDefault(id, java.util.Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, java.util.Set.of()));
            }
        }
        return seen;
    }
}
