package dev.spotburst.localslurm.demo;

import dev.spotburst.localslurm.E2eNetwork;
import dev.spotburst.localslurm.E2ePrerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether {@code spotburst demo} can use real Slurm here, and if not why: the Slurm and munge programs must be
 * installed, we must be root (namespaces, mounts, cgroups), and this JVM must run inside the isolated namespace
 * {@value E2eNetwork#NAMESPACE} without a default route, which {@code bin/spotburst} (through
 * {@code bin/spotburst-netns}) arranges. The wrapper passes its own reason for not doing so in
 * {@value #SKIP_ENV}.
 */
public final class RealSlurmAvailability {

    /** Set by {@code bin/spotburst-netns --check} callers when the JVM was started outside the namespace. */
    public static final String SKIP_ENV = "SPOTBURST_LOCAL_SLURM_SKIP";

    private RealSlurmAvailability() {
    }

    /** Empty when the real-Slurm demo can run in this JVM; else the reason, one line. */
    public static Optional<String> unavailableReason(Path shimLauncher, Path shimJar) {
        var fromWrapper = System.getenv(SKIP_ENV);
        if (fromWrapper != null && !fromWrapper.isBlank()) {
            return Optional.of(fromWrapper);
        }
        var missing = E2ePrerequisites.missingPrograms();
        if (!missing.isEmpty()) {
            return Optional.of("missing programs " + missing + " (Debian packages slurmctld slurmd slurm-client munge "
                    + "iproute2 util-linux)");
        }
        if (!isRoot()) {
            return Optional.of("real Slurm needs root (network namespaces, mounts, cgroups)");
        }
        try {
            E2eNetwork.verifyIsolated();
        } catch (RuntimeException e) {
            return Optional.of("not inside the isolated network namespace " + E2eNetwork.NAMESPACE
                    + " (run through bin/spotburst): " + e.getMessage());
        }
        if (shimLauncher == null || !Files.isRegularFile(shimLauncher)) {
            return Optional.of("shim launcher not found at " + shimLauncher);
        }
        if (shimJar == null || !Files.isRegularFile(shimJar)) {
            return Optional.of("shim jar not found at " + shimJar + " (build slurm-shims)");
        }
        return Optional.empty();
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }
}
