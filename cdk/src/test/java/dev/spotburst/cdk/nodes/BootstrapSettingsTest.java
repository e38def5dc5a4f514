package dev.spotburst.cdk.nodes;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapSettingsTest {

    private final BootstrapSettings settings = new BootstrapSettings("prod-state", "eu-west-1");

    @Test
    void goesRightAfterTheMarkerOfTheShippedBootstrap() throws Exception {
        String script = Files.readString(Path.of("../slurm-shims/src/main/resources/bootstrap/compute-node-user-data.sh"));

        String out = settings.applyTo(script);

        assertThat(out).contains(BootstrapSettings.MARKER + "\nSPOTBURST_STATE_TABLE='prod-state'\n"
                + "SPOTBURST_STATE_TABLE_REGION='eu-west-1'\n# --- end of spotburst settings ---\n");
        assertThat(out).startsWith("#!/bin/bash\n");
        // The script reads them after the block.
        assertThat(out.indexOf("SPOTBURST_STATE_TABLE='")).isLessThan(out.indexOf("TABLE=\"${SPOTBURST_STATE_TABLE:-}\""));
        // EC2 user data is limited to 16 KiB before base64.
        assertThat(out.length()).isLessThan(16 * 1024);
    }

    @Test
    void goesAfterTheShebangOfAScriptWithoutMarker() {
        assertThat(settings.applyTo("#!/bin/sh\necho hi\n")).isEqualTo("#!/bin/sh\nSPOTBURST_STATE_TABLE='prod-state'\n"
                + "SPOTBURST_STATE_TABLE_REGION='eu-west-1'\necho hi\n");
        assertThat(settings.applyTo("echo hi\n")).startsWith("SPOTBURST_STATE_TABLE='prod-state'\n").endsWith("echo hi\n");
    }

    @Test
    void refusesValuesThatAreNoNames() {
        assertThatThrownBy(() -> new BootstrapSettings("x'; reboot; '", "eu-west-1"))
                .hasMessageContaining("stateTable").hasMessageContaining("reboot");
        assertThatThrownBy(() -> new BootstrapSettings("t", "")).hasMessageContaining("stateTableRegion is missing");
    }
}
