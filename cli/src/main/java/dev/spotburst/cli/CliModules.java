package dev.spotburst.cli;

import dev.spotburst.localcloud.LocalCloudCommand;
import dev.spotburst.shims.cli.AgentCommand;
import dev.spotburst.shims.cli.InstallHeadNodeCommand;
import dev.spotburst.shims.cli.ResumeCommand;
import dev.spotburst.shims.cli.ResumeFailCommand;
import dev.spotburst.shims.cli.SuspendCommand;
import picocli.CommandLine;

/**
 * Registers the subcommands that live in other modules (local cloud, head-node shims and agent, demo). Kept apart
 * from the root command so the module list is in one place.
 */
final class CliModules {
    private CliModules() {
    }

    static void register(CommandLine root) {
        root.addSubcommand(new DemoCommand());
        root.addSubcommand(new LocalCloudCommand());
        root.addSubcommand(new ResumeCommand());
        root.addSubcommand(new SuspendCommand());
        root.addSubcommand(new ResumeFailCommand());
        root.addSubcommand(new AgentCommand());
        root.addSubcommand(new InstallHeadNodeCommand());
    }
}
