package dev.spotburst.e2e;

import dev.spotburst.localslurm.*;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test JVM itself runs in the isolated namespace, and nothing routes out of it. */
class NetworkIsolationIT {

    private final CommandRunner cmd = new CommandRunner(Map.of(), Duration.ofSeconds(10));

    @BeforeAll
    static void requirePrerequisites() {
        var reason = E2ePrerequisites.skipReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "e2e suite skipped: " + reason.orElse(""));
    }

    @Test
    void namespaceHasNoDefaultRoute() {
        assertThat(cmd.run("ip", "-n", E2eNetwork.NAMESPACE, "route", "show", "default").orThrow().stdout()).isBlank();
        assertThat(cmd.run("ip", "-6", "-n", E2eNetwork.NAMESPACE, "route", "show", "default").orThrow().stdout()).isBlank();
    }

    @Test
    void jvmRunsInsideTheNamespace() {
        E2eNetwork.verifyIsolated(); // throws when the JVM is elsewhere or a default route exists
        var links = cmd.run("ip", "-o", "link", "show").orThrow().stdout();
        assertThat(links).contains(E2eNetwork.BRIDGE).doesNotContain("eth0:");
    }

    @Test
    void anAddressOutsideTheBridgeIsUnreachable() {
        // `ip route get` asks the kernel's routing decision; no packet is sent.
        var r = cmd.run("ip", "route", "get", "192.0.2.1");
        assertThat(r.ok()).isFalse();
        assertThat(r.stderr()).contains("unreachable");
    }
}
