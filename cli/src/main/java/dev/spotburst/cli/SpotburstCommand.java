package dev.spotburst.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Root of the {@code spotburst} command line. Subcommands come from the modules that own them; this class only
 * assembles them, so each module's commands stay next to the code they drive.
 */
@Command(name = "spotburst",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Burst a Slurm cluster onto EC2 Spot / On-Demand, hibernating through interruptions.",
        subcommands = {
                ConfigCommand.class,
                HostlistCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class SpotburstCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
