package dev.spotburst.functions.ltcheck;

import dev.spotburst.config.ConfigProblem;

import java.util.List;

/**
 * The launch templates of hibernating groups do not meet EC2's prerequisites. Thrown by the handler so the Provider
 * framework answers CloudFormation FAILED with this message as the reason, and {@code cdk deploy} stops showing it.
 */
public final class LaunchTemplateCheckFailedException extends RuntimeException {

    /**
     * CloudFormation caps the whole response at 4 KiB and the framework appends a log link; what does not fit is
     * counted and left to the function's log (which has every line).
     */
    static final int MAX_REASON_CHARS = 3000;

    private LaunchTemplateCheckFailedException(String message) {
        super(message, null, false, false);
    }

    /** One line per error, exactly as {@code spotburst config validate --check-aws} prints them. */
    public static LaunchTemplateCheckFailedException of(String cluster, List<ConfigProblem> errors) {
        var sb = new StringBuilder("spotburst: ").append(errors.size())
                .append(" launch template problem(s) for the hibernating node groups of cluster ").append(cluster)
                .append(" (check before deploying with: spotburst config validate --check-aws)");
        int shown = 0;
        for (ConfigProblem e : errors) {
            String line = "\n" + e;
            if (sb.length() + line.length() > MAX_REASON_CHARS - 80) {
                break;
            }
            sb.append(line);
            shown++;
        }
        if (shown < errors.size()) {
            sb.append("\n... and ").append(errors.size() - shown).append(" more (every line is in the function's log)");
        }
        return new LaunchTemplateCheckFailedException(sb.toString());
    }
}
