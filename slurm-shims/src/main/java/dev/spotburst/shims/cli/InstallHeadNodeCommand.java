package dev.spotburst.shims.cli;

import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.shims.install.HeadNodeChecks;
import dev.spotburst.shims.install.HeadNodeInstaller;
import dev.spotburst.shims.install.InstallApplier;
import dev.spotburst.shims.install.InstallStep;
import dev.spotburst.shims.settings.SettingsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spotburst install-head-node}: installs shims, agent unit, settings and the slurm.conf fragment. */
@Command(name = "install-head-node", mixinStandardHelpOptions = true,
        description = {"Install the Slurm power-save shims, the agent's systemd unit, the settings file and the "
                + "slurm.conf fragment on the head node, after checking slurm.conf (SlurmdTimeout vs hibernation, "
                + "PrivateData=cloud on 22.05).",
                "Does not edit slurm.conf itself: it prints the 'include' line to add."})
public final class InstallHeadNodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "Head-node settings JSON to install.")
    Path settings;

    @Option(names = "--partitions", required = true, paramLabel = "FILE", description = "partitions.json.")
    Path partitions;

    @Option(names = "--config", paramLabel = "FILE", description = "config.json (default: spotburst's defaults).")
    Path config;

    @Option(names = "--prefix", defaultValue = "/", paramLabel = "DIR",
            description = "Install below this folder instead of / (for tests and images). Default: ${DEFAULT-VALUE}")
    Path prefix;

    @Option(names = "--shim-jar", paramLabel = "JAR", description = "spotburst-shims.jar to install (default: found beside this jar).")
    Path shimJar;

    @Option(names = "--slurm-version", paramLabel = "X.Y",
            description = "Slurm version to check against (default: ask scontrol --version; 22.05 if unknown).")
    String slurmVersion;

    @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HeadNodeInstaller.Plan plan;
        try {
            plan = HeadNodeInstaller.plan(new HeadNodeInstaller.Request(settings, partitions, config, prefix, shimJar,
                    slurmVersion), OfflineInstanceTypeCatalog.load());
        } catch (SettingsException | IllegalArgumentException e) {
            err.println("install-head-node: " + e.getMessage());
            return 2;
        }
        for (HeadNodeChecks.Problem p : plan.problems()) {
            (p.error() ? err : out).println((p.error() ? "error: " : "warning: ") + p.message());
        }
        if (!plan.ok()) {
            err.println("install-head-node: nothing installed (fix the errors above)");
            return 2;
        }
        for (InstallStep step : plan.steps()) {
            out.println((dryRun ? "would " : "") + step.describe());
        }
        if (dryRun) {
            out.println("--- " + plan.fragmentPath() + " ---");
            out.print(plan.fragment());
            return 0;
        }
        for (String warning : InstallApplier.apply(plan.steps(), prefix)) {
            out.println("warning: " + warning);
        }
        out.println("installed under " + prefix + "; next: systemctl daemon-reload && systemctl enable --now spotburst-agent");
        return 0;
    }
}
