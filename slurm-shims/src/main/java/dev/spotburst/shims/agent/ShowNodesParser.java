package dev.spotburst.shims.agent;

import dev.spotburst.messages.SlurmSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code scontrol -o show nodes} (one line per node, {@code Key=Value} fields). Slurm 22.05 has no
 * {@code --json} on scontrol (checked: "unrecognized option '--json'"), so this is the portable source.
 * Values may contain spaces ({@code Reason=Not responding [slurm@…]}, {@code OS=Linux 6.1 #1 SMP}), so a field ends
 * only where the next {@code " Key="} begins.
 */
public final class ShowNodesParser {

    private static final Pattern KEY = Pattern.compile("(?:^|\\s)([A-Z][A-Za-z0-9_]*)=");

    private ShowNodesParser() {
    }

    public static Map<String, String> fields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = KEY.matcher(line);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                out.put(key, line.substring(valueStart, m.start()).trim());
            }
            key = m.group(1);
            valueStart = m.end();
        }
        if (key != null) {
            out.put(key, line.substring(valueStart).trim());
        }
        return out;
    }

    /** Every node in the output, as snapshot entries ({@code (null)} and empty values become null). */
    public static List<SlurmSnapshot.Node> nodes(String output) {
        List<SlurmSnapshot.Node> nodes = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank() || !line.startsWith("NodeName=")) {
                continue;
            }
            Map<String, String> f = fields(line);
            String state = f.get("State");
            if (state == null) {
                throw new IllegalArgumentException("scontrol line without State=: " + line);
            }
            NodeStateText.State s = NodeStateText.parseLong(state);
            nodes.add(new SlurmSnapshot.Node(f.get("NodeName"), s.base(), s.flags(), present(f.get("Reason")),
                    present(f.get("NodeAddr")), List.of()));
        }
        return nodes;
    }

    /** Cloud nodes only: the ones spotburst manages. */
    public static List<SlurmSnapshot.Node> cloudNodes(String output) {
        return nodes(output).stream().filter(n -> n.has("CLOUD")).toList();
    }

    private static String present(String v) {
        return v == null || v.isEmpty() || v.equals("(null)") || v.equals("none") ? null : v;
    }
}
