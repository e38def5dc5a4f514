package dev.spotburst.shims.install;

import dev.spotburst.shims.agent.ProcessResult;
import dev.spotburst.shims.agent.ScontrolRunner;
import dev.spotburst.shims.settings.HeadNodeSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slurm's version: parsed from "22.05", "22.05.8" or {@code scontrol --version} ("slurm-wlm 22.05.8"). */
final class SlurmVersion {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private SlurmVersion() {
    }

    static int[] parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not a Slurm version: '" + text + "' (expected e.g. 22.05)");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** Asks scontrol, on the real root only; {@code --version} reads no config and contacts nobody. */
    static Optional<String> detect(Path prefix, HeadNodeSettings settings) {
        if (!prefix.equals(Path.of("/")) || !Files.isExecutable(settings.scontrol())) {
            return Optional.empty();
        }
        ProcessResult r = new ScontrolRunner(settings.scontrol(), settings.slurmConf(), Duration.ofSeconds(10))
                .run(List.of("--version"));
        return r.succeeded() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }
}
