package dev.spotburst.config;

import java.util.List;

/**
 * What {@link ConfigLoader} found: every problem (errors and warnings, in file order) and, when there are no
 * errors, the validated {@link ClusterConfig}.
 */
public final class ConfigResult {

    private final List<ConfigProblem> problems;
    private final ClusterConfig config;

    ConfigResult(List<ConfigProblem> problems, ClusterConfig config) {
        this.problems = List.copyOf(problems);
        this.config = problems.stream().anyMatch(ConfigProblem::isError) ? null : config;
    }

    /** This result plus problems found later (e.g. the EC2-backed checks); any new error withdraws the config. */
    public ConfigResult withProblems(List<ConfigProblem> more) {
        var all = new java.util.ArrayList<>(problems);
        all.addAll(more);
        return new ConfigResult(all, config);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** True when there is no error (warnings allowed). */
    public boolean ok() {
        return config != null;
    }

    /** The validated configuration; throws when {@link #ok()} is false, quoting the first errors. */
    public ClusterConfig config() {
        if (config == null) {
            var lines = errors().stream().limit(5).map(ConfigProblem::toString).toList();
            throw new IllegalStateException("configuration has " + errors().size() + " error(s):\n"
                    + String.join("\n", lines));
        }
        return config;
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    @Override
    public String toString() {
        return problems.stream().map(ConfigProblem::toString).reduce((a, b) -> a + "\n" + b).orElse("ok");
    }
}
