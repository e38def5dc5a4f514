package dev.spotburst.shims.install;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.ConfigProblem;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.shims.settings.HeadNodeSettings;
import dev.spotburst.shims.settings.SettingsLoader;
import dev.spotburst.slurmconf.SlurmConfGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans a head-node installation: the shim jar and launchers under {@code /opt/spotburst}, the agent's systemd unit,
 * the settings file, the slurm.conf fragment beside slurm.conf, and the spool / cache / log folders; and checks the
 * live slurm.conf ({@link HeadNodeChecks}). Every path is as on the head node; {@link InstallApplier} adds the prefix.
 */
public final class HeadNodeInstaller {

    public static final Path HOME = Path.of("/opt/spotburst");
    public static final Path CACHE = Path.of("/var/cache/spotburst");
    public static final Path UNIT = Path.of("/etc/systemd/system/spotburst-agent.service");
    public static final List<String> HOOKS = List.of("spotburst-resume", "spotburst-suspend", "spotburst-resume-fail",
            "spotburst-agent");

    /** What to install from where. {@code slurmVersion} like "22.05"; null = ask scontrol (only when prefix is /). */
    public record Request(Path settingsFile, Path partitionsJson, Path configJson, Path prefix, Path shimJar,
                          String slurmVersion) {
        public Request {
            Objects.requireNonNull(settingsFile, "settings");
            Objects.requireNonNull(partitionsJson, "partitions");
            prefix = prefix == null ? Path.of("/") : prefix;
        }
    }

    public record Plan(List<InstallStep> steps, List<HeadNodeChecks.Problem> problems, String fragment,
                       Path fragmentPath) {
        public boolean ok() {
            return problems.stream().noneMatch(HeadNodeChecks.Problem::error);
        }
    }

    private HeadNodeInstaller() {
    }

    public static Plan plan(Request request, InstanceTypeCatalog catalog) throws IOException {
        HeadNodeSettings settings = SettingsLoader.load(request.settingsFile());
        ConfigResult loaded = ConfigLoader.load(request.partitionsJson(), request.configJson(), catalog);
        List<HeadNodeChecks.Problem> problems = new ArrayList<>();
        for (ConfigProblem p : loaded.problems()) {
            String got = p.value() == null ? "missing" : "got " + p.value();
            problems.add(new HeadNodeChecks.Problem(p.isError(), p.file() + " " + p.jsonPath() + ": " + got
                    + ", expected " + p.expected()));
        }
        if (!loaded.ok()) {
            return new Plan(List.of(), problems, null, null);
        }
        if (!loaded.config().clusterName().equals(settings.cluster())) {
            problems.add(new HeadNodeChecks.Problem(true, "settings 'cluster' is '" + settings.cluster()
                    + "' but config.json Spotburst.ClusterName is '" + loaded.config().clusterName() + "'"));
        }
        String fragment = SlurmConfGenerator.generate(loaded.config(), catalog);
        Path fragmentPath = settings.slurmConf().resolveSibling("spotburst.conf");
        Path liveConf = under(request.prefix(), settings.slurmConf());
        SlurmConfFile live;
        if (Files.isRegularFile(liveConf)) {
            live = SlurmConfFile.parse(Files.readString(liveConf));
        } else {
            problems.add(new HeadNodeChecks.Problem(true, "slurm.conf not found at " + liveConf
                    + " (settings 'slurmConf'); install Slurm first or fix the path"));
            live = SlurmConfFile.parse("");
        }
        int[] version = SlurmVersion.parse(request.slurmVersion() != null ? request.slurmVersion()
                : SlurmVersion.detect(request.prefix(), settings).orElse("22.05"));
        problems.addAll(HeadNodeChecks.check(loaded.config(), live, SlurmConfFile.parse(fragment), version,
                fragmentPath.toString()));

        String slurmUser = live.get("SlurmUser").orElse("root");
        List<InstallStep> steps = new ArrayList<>();
        steps.add(new InstallStep.Directory(HOME.resolve("bin"), "rwxr-xr-x", null));
        steps.add(new InstallStep.Directory(HOME.resolve("lib"), "rwxr-xr-x", null));
        steps.add(new InstallStep.CopyFile(shimJar(request), HOME.resolve("lib/spotburst-shims.jar"), "rw-r--r--"));
        steps.add(new InstallStep.FileContent(HOME.resolve("bin/spotburst-shim"), resource("/bin/spotburst-shim"), "rwxr-xr-x"));
        for (String hook : HOOKS) {
            steps.add(new InstallStep.Link(HOME.resolve("bin").resolve(hook), Path.of("spotburst-shim")));
        }
        steps.add(new InstallStep.FileContent(UNIT, resource("/systemd/spotburst-agent.service"), "rw-r--r--"));
        steps.add(new InstallStep.Directory(HeadNodeSettings.DEFAULT_FILE.getParent(), "rwxr-xr-x", null));
        // Hooks run as SlurmUser: it must read the settings and write spool, cache and log.
        steps.add(new InstallStep.FileContent(HeadNodeSettings.DEFAULT_FILE, Files.readString(request.settingsFile()),
                "rw-r--r--"));
        steps.add(new InstallStep.Directory(settings.spoolDir(), "rwxrwx---", slurmUser));
        steps.add(new InstallStep.Directory(CACHE, "rwxrwxr-x", slurmUser));
        steps.add(new InstallStep.Directory(settings.logFile().getParent(), "rwxrwxr-x", slurmUser));
        steps.add(new InstallStep.FileContent(fragmentPath, fragment, "rw-r--r--"));
        return new Plan(steps, problems, fragment, fragmentPath);
    }

    /** {@code /etc/x} under prefix {@code /tmp/p} is {@code /tmp/p/etc/x}. */
    public static Path under(Path prefix, Path absolute) {
        return prefix.resolve(absolute.getRoot().relativize(absolute));
    }

    private static Path shimJar(Request request) {
        if (request.shimJar() != null) {
            return request.shimJar();
        }
        // Beside the jar this class runs from (cli/target or an unpacked release), else the build output.
        try {
            Path here = Path.of(HeadNodeInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path candidate : List.of(here.resolveSibling("spotburst-shims.jar"),
                    here.getParent().resolveSibling("slurm-shims").resolve("target/spotburst-shims.jar"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (Exception ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("cannot find spotburst-shims.jar; pass --shim-jar "
                + "(build it with ./mvnw -pl slurm-shims package)");
    }

    static String resource(String name) {
        try (InputStream in = HeadNodeInstaller.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the spotburst jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
