package dev.spotburst.cli;

import picocli.CommandLine;

/**
 * Registers the subcommands that live in other modules (local cloud, head-node shims, demo). Kept apart from the
 * root command so the module list is in one place.
 */
final class CliModules {
    private CliModules() {
    }

    static void register(CommandLine root) {
        // Filled in as modules provide their commands.
    }
}
