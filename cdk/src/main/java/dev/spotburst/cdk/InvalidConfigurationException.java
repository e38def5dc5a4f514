package dev.spotburst.cdk;

import dev.spotburst.config.ConfigProblem;

import java.util.List;

/** The cluster configuration failed validation; the message lists every error with its file and JSON path. */
public final class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(List<ConfigProblem> errors) {
        super("spotburst configuration has " + errors.size() + " error(s); nothing was synthesized:\n"
                + String.join("\n", errors.stream().map(ConfigProblem::toString).toList()));
    }
}
