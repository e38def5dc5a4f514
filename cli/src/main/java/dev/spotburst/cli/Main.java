package dev.spotburst.cli;

import picocli.CommandLine;

/** Entry point of the {@code spotburst} jar. Exit codes: 0 success, 2 invalid input, 1 anything else. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int run(String... args) {
        var cli = new CommandLine(new SpotburstCommand());
        CliModules.register(cli);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException bad) {
                commandLine.getErr().println(bad.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            commandLine.getErr().println("spotburst: " + ex);
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }
}
