package dev.spotburst.shims.cli;

import dev.spotburst.shims.agent.AgentRunner;
import dev.spotburst.shims.settings.SettingsException;
import dev.spotburst.shims.settings.SettingsLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spotburst agent}: the head-node agent (normally run by systemd as spotburst-agent.service). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Apply control-plane commands to Slurm with scontrol, deliver spooled requests and post Slurm "
                + "snapshots, until stopped."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Head-node settings (default: $SPOTBURST_SETTINGS, else /etc/spotburst/head-node.json).")
    Path settingsFile;

    @Override
    public Integer call() {
        try {
            return AgentRunner.runForever(SettingsLoader.load(SettingsLoader.choose(settingsFile, System.getenv())),
                    System.getenv());
        } catch (SettingsException e) {
            System.err.println("spotburst agent: " + e.getMessage());
            return 1;
        }
    }
}
