package dev.spotburst.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Slurm {@code spotburst demo} drives, decided before anything starts: {@code real} (the Debian daemons in
 * network namespaces, see docs/e2e.md) or {@code sim} (the simulated Slurm). {@code auto} takes real Slurm when it
 * can run here (programs installed, root, this JVM inside the isolated namespace that {@code bin/spotburst} sets up,
 * the shims built) and the scenario is the burst, else the simulation with a one-line note why. Pure: the caller
 * passes in why real Slurm is unavailable, if it is.
 */
record SlurmChoice(boolean real, String note) {

    static final String BURST = "burst";

    static SlurmChoice decide(String mode, String scenario, Optional<String> realUnavailable) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "sim" -> new SlurmChoice(false, null);
            case "real" -> {
                if (!scenario.equals(BURST)) {
                    throw new InvalidInputException("spotburst: --slurm real runs the burst scenario only, got --scenario "
                            + scenario);
                }
                if (realUnavailable.isPresent()) {
                    throw new InvalidInputException("spotburst: --slurm real is not possible here: "
                            + realUnavailable.get());
                }
                yield new SlurmChoice(true, null);
            }
            case "auto" -> {
                if (!scenario.equals(BURST)) {
                    yield new SlurmChoice(false, "scenario " + scenario + " runs on the simulated Slurm only");
                }
                yield realUnavailable.map(why -> new SlurmChoice(false, why)).orElse(new SlurmChoice(true, null));
            }
            default -> throw new InvalidInputException("spotburst: --slurm must be real, sim or auto, got '" + mode + "'");
        };
    }

    /**
     * The shims the real-Slurm head node runs: system properties {@code spotburst.shimLauncher} /
     * {@code spotburst.shimJar}, else under the checkout {@code bin/spotburst} names in {@code SPOTBURST_ROOT}.
     */
    static Path shimLauncher() {
        return path("spotburst.shimLauncher", "slurm-shims/src/main/resources/bin/spotburst-shim");
    }

    static Path shimJar() {
        return path("spotburst.shimJar", "slurm-shims/target/spotburst-shims.jar");
    }

    private static Path path(String property, String underRoot) {
        var explicit = System.getProperty(property);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        var root = System.getenv("SPOTBURST_ROOT");
        return root == null || root.isBlank() ? null : Path.of(root, underRoot);
    }
}
