package dev.spotburst.ec2emu.wire;

import dev.spotburst.ec2emu.core.Ec2ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A view over the flattened EC2 Query parameters ({@code Name.N}, {@code A.B.C}) under a key prefix. Lists are 1-based
 * and may have gaps (the CLI and SDK both number from 1); every typed getter fails with an EC2 error that names the
 * parameter, never with a Java exception.
 */
public final class QueryParams {

    private final Map<String, String> all;
    private final String prefix;

    private QueryParams(Map<String, String> all, String prefix) {
        this.all = all;
        this.prefix = prefix;
    }

    public static QueryParams of(Map<String, String> values) {
        return new QueryParams(Collections.unmodifiableMap(new LinkedHashMap<>(values)), "");
    }

    /** Parses an {@code application/x-www-form-urlencoded} body; a bad percent escape is {@code MalformedQueryString}. */
    public static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Ec2ApiException("MalformedQueryString", "Malformed query string near '" + pair + "'");
            }
        }
        return out;
    }

    public QueryParams sub(String name) {
        return new QueryParams(all, prefix + name + ".");
    }

    public String name(String name) {
        return prefix + name;
    }

    public boolean has(String name) {
        String full = prefix + name;
        if (all.containsKey(full)) {
            return true;
        }
        String dotted = full + ".";
        for (String k : all.keySet()) {
            if (k.startsWith(dotted)) {
                return true;
            }
        }
        return false;
    }

    public Optional<String> opt(String name) {
        String v = all.get(prefix + name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String get(String name) {
        return opt(name).orElse(null);
    }

    public String required(String name) {
        return opt(name).orElseThrow(() -> Ec2ApiException.missing(prefix + name));
    }

    public Optional<Integer> integer(String name) {
        return opt(name).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw Ec2ApiException.invalidValue(prefix + name, v, "Expected: 'Integer'.");
            }
        });
    }

    public Optional<Double> decimal(String name) {
        return opt(name).map(v -> {
            try {
                double d = Double.parseDouble(v.trim());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw Ec2ApiException.invalidValue(prefix + name, v, "Expected: 'Double'.");
            }
        });
    }

    public Optional<Boolean> bool(String name) {
        return opt(name).map(v -> switch (v.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Ec2ApiException.invalidValue(prefix + name, v, "Expected: 'Boolean'.");
        });
    }

    public Optional<Instant> instant(String name) {
        return opt(name).map(v -> {
            try {
                return Instant.parse(v.trim());
            } catch (DateTimeParseException e) {
                try {
                    return Instant.ofEpochSecond((long) Double.parseDouble(v.trim()));
                } catch (NumberFormatException | java.time.DateTimeException e2) {
                    // DateTimeException: epoch seconds beyond Instant's range are a bad value, not a server fault.
                    throw Ec2ApiException.invalidValue(prefix + name, v, "Expected: a timestamp.");
                }
            }
        });
    }

    /** One of the allowed wire values, or InvalidParameterValue naming them. */
    public Optional<String> oneOf(String name, String... allowed) {
        return opt(name).map(v -> {
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw Ec2ApiException.invalidValue(prefix + name, v, "Expected one of " + String.join(", ", allowed) + ".");
        });
    }

    /** {@code Name.1, Name.2, …} in index order (scalar members). */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (QueryParams item : items(name)) {
            String v = all.get(item.prefix.substring(0, item.prefix.length() - 1));
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** {@code Name.1.X, Name.2.X, …}: one view per index, in index order. */
    public List<QueryParams> items(String name) {
        String head = prefix + name + ".";
        TreeMap<Integer, QueryParams> byIndex = new TreeMap<>();
        for (String k : all.keySet()) {
            if (!k.startsWith(head)) {
                continue;
            }
            String rest = k.substring(head.length());
            int dot = rest.indexOf('.');
            String idx = dot < 0 ? rest : rest.substring(0, dot);
            int n;
            try {
                n = Integer.parseInt(idx);
            } catch (NumberFormatException e) {
                throw Ec2ApiException.invalidValue(k, all.get(k), "List members must be numbered " + name + ".N.");
            }
            if (n < 1) {
                throw Ec2ApiException.invalidValue(k, all.get(k), "List members are numbered from 1.");
            }
            byIndex.computeIfAbsent(n, i -> new QueryParams(all, head + i + "."));
        }
        return new ArrayList<>(byIndex.values());
    }
}
