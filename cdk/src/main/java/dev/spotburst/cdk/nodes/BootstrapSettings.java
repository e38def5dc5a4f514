package dev.spotburst.cdk.nodes;

import software.amazon.awscdk.Token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the compute-node bootstrap needs from the stack, written into the script as shell assignments.
 *
 * <p>A node launched by a multi-node fleet has no per-node {@code Name} tag: it reads its Slurm name from its launch
 * record in the state table, so the script must know the table and the table's region (node groups may run in
 * other regions than the stack). The values go in right after the script's settings marker, or after the shebang
 * of a script without one (a user's own bootstrap).
 *
 * @param stateTable       state table name (may be a CDK token)
 * @param stateTableRegion the table's region (may be a CDK token such as {@code AWS::Region})
 */
public record BootstrapSettings(String stateTable, String stateTableRegion) {

    public static final String MARKER = "# --- spotburst settings (the stack inserts its values here) ---";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    public BootstrapSettings {
        check("stateTable", stateTable);
        check("stateTableRegion", stateTableRegion);
    }

    /** The shell assignments, one per line, single-quoted. */
    public String assignments() {
        var vars = new LinkedHashMap<String, String>();
        vars.put("SPOTBURST_STATE_TABLE", stateTable);
        vars.put("SPOTBURST_STATE_TABLE_REGION", stateTableRegion);
        var sb = new StringBuilder();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            sb.append(e.getKey()).append("='").append(e.getValue()).append("'\n");
        }
        return sb.toString();
    }

    /** The script with the assignments inserted. */
    public String applyTo(String script) {
        int marker = script.indexOf(MARKER + "\n");
        if (marker >= 0) {
            int at = marker + MARKER.length() + 1;
            return script.substring(0, at) + assignments() + script.substring(at);
        }
        if (script.startsWith("#!")) {
            int eol = script.indexOf('\n');
            if (eol < 0) {
                return script + "\n" + assignments();
            }
            return script.substring(0, eol + 1) + assignments() + script.substring(eol + 1);
        }
        return assignments() + script;
    }

    private static void check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("bootstrap setting " + field + " is missing");
        }
        // Tokens resolve at deploy time to a table name or region, which are shell-safe by their own rules.
        if (!Token.isUnresolved(value) && !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("bootstrap setting " + field + " '" + value
                    + "' is not a table name or region (letters, digits, '_', '.', '-')");
        }
    }
}
