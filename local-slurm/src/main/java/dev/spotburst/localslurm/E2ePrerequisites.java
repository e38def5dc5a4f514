package dev.spotburst.localslurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Why the suite cannot run on this machine, if it cannot: not root, Slurm/munge not installed (the namespace wrapper
 * then starts the JVM outside any namespace and says why in {@code SPOTBURST_E2E_SKIP}), or the JVM was not started
 * by that wrapper at all. Tests turn this into a JUnit assumption, so {@code ./mvnw verify -Pe2e} stays green on a
 * developer machine without them; in CI (root, packages installed by {@code .ci/run}) the reason is empty.
 */
public final class E2ePrerequisites {

    static final List<String> PROGRAMS = List.of("slurmctld", "slurmd", "scontrol", "sinfo", "sbatch", "squeue",
            "munged", "mungekey", "munge", "unmunge", "ip", "nsenter", "unshare", "mount");

    private E2ePrerequisites() {
    }

    public static Optional<String> skipReason() {
        var fromWrapper = System.getenv("SPOTBURST_E2E_SKIP");
        if (fromWrapper != null && !fromWrapper.isBlank()) {
            return Optional.of(fromWrapper);
        }
        var missing = missingPrograms();
        if (!missing.isEmpty()) {
            return Optional.of("missing programs for the e2e suite: " + missing + " (install the Debian packages "
                    + "slurmctld slurmd slurm-client munge iproute2 util-linux, as .ci/run does)");
        }
        if (!Files.exists(Path.of("/run/netns", E2eNetwork.NAMESPACE))) {
            return Optional.of("network namespace " + E2eNetwork.NAMESPACE + " does not exist: run the e2e tests "
                    + "through Maven profile e2e (failsafe starts the JVM with src/test/scripts/netns-java)");
        }
        return Optional.empty();
    }

    public static List<String> missingPrograms() {
        var path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return PROGRAMS.stream().filter(b -> Arrays.stream(path.split(":"))
                .noneMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, b)))).toList();
    }
}
