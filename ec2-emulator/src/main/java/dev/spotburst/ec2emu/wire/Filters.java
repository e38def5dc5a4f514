package dev.spotburst.ec2emu.wire;

import dev.spotburst.ec2emu.core.Ec2ApiException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code Filter.N.Name} / {@code Filter.N.Value.M}: values within one filter are OR-ed, filters are AND-ed, and values
 * may use the {@code *} and {@code ?} wildcards (EC2 API Reference, "List and filter using the CLI and API").
 * {@code tag:KEY} and {@code tag-key} are handled for every resource that has tags. An unknown filter name is
 * {@code InvalidParameterValue}, as EC2 answers "The filter 'x' is invalid".
 */
public final class Filters {

    private record Filter(String name, List<Pattern> values) {
    }

    private final List<Filter> filters;

    private Filters(List<Filter> filters) {
        this.filters = filters;
    }

    public static Filters parse(QueryParams params, Set<String> supported) {
        List<Filter> out = new ArrayList<>();
        for (QueryParams f : params.items("Filter")) {
            String name = f.required("Name");
            if (!supported.contains(name) && !name.startsWith("tag:") && !name.equals("tag-key")) {
                throw new Ec2ApiException("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            List<Pattern> values = new ArrayList<>();
            for (String v : f.list("Value")) {
                values.add(glob(v));
            }
            out.add(new Filter(name, values));
        }
        return new Filters(out);
    }

    public boolean isEmpty() {
        return filters.isEmpty();
    }

    /**
     * @param attribute the values a resource has for a filter name (null or empty = no value)
     * @param tags      the resource's tags
     */
    public boolean matches(Function<String, Collection<String>> attribute, Map<String, String> tags) {
        for (Filter f : filters) {
            Collection<String> have;
            if (f.name.startsWith("tag:")) {
                String v = tags.get(f.name.substring(4));
                have = v == null ? List.of() : List.of(v);
            } else if (f.name.equals("tag-key")) {
                have = tags.keySet();
            } else {
                have = attribute.apply(f.name);
            }
            if (have == null || !anyMatch(f.values, have)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatch(List<Pattern> wanted, Collection<String> have) {
        if (wanted.isEmpty()) {
            return !have.isEmpty();
        }
        for (String h : have) {
            if (h == null) {
                continue;
            }
            for (Pattern p : wanted) {
                if (p.matcher(h).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Pattern glob(String v) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                re.append(Pattern.quote(String.valueOf(v.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
