package dev.spotburst.shims.cli;

import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.ShimMain;
import dev.spotburst.shims.settings.HeadNodeSettings;
import dev.spotburst.shims.settings.SettingsException;
import dev.spotburst.shims.settings.SettingsLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Shared body of the three power-save hook commands: same behaviour as the small jar's {@link ShimMain}. */
abstract class HookCommand implements Callable<Integer> {

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Head-node settings (default: $SPOTBURST_SETTINGS, else /etc/spotburst/head-node.json).")
    Path settingsFile;

    @Parameters(index = "0", paramLabel = "HOSTLIST", description = "Nodes, as Slurm passes them (e.g. aws-cpu-[0-3]).")
    String hostlist;

    abstract PowerSaveRequest.Kind kind();

    @Override
    public Integer call() {
        HeadNodeSettings settings;
        try {
            settings = SettingsLoader.load(SettingsLoader.choose(settingsFile, System.getenv()));
        } catch (SettingsException e) {
            System.err.println("spotburst " + kind().wire() + ": " + e.getMessage());
            return 1;
        }
        return ShimMain.hook(kind(), List.of(hostlist), settings, System.getenv());
    }
}
