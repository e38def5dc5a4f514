package dev.spotburst.cdk;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.slurmconf.SlurmConfGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidConfigTest {

    @Test
    void invalidConfigurationFailsTheSynthNamingEachErrorWithItsJsonPath() {
        App app = new App(AppProps.builder().context(Map.of()).outdir("target/cdk-test-out-invalid").build());
        var catalog = OfflineInstanceTypeCatalog.load();
        var inputs = SynthFixture.inputs(app, SynthFixture.INVALID.resolve("partitions.json"),
                SynthFixture.INVALID.resolve("config.json"));
        assertThatThrownBy(() -> AppAssembly.build(app, inputs, catalog, (p, c) -> ConfigLoader.load(p, c, catalog),
                SlurmConfGenerator::generate))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("nothing was synthesized")
                .hasMessageContaining("partitions.json $.Partitions[0].NodeGroups[0].MaxNodes")
                .hasMessageContaining("partitions.json $.Partitions[0].NodeGroups[1].PurchasingOption")
                .hasMessageContaining("\"spott\"");
    }

    @Test
    void badContextIsRejectedWithTheKeyAndValue() {
        App app = new App(AppProps.builder().context(Map.of("clusterName", "9lives")).build());
        assertThatThrownBy(() -> AppInputs.fromContext(app.getNode()))
                .hasMessageContaining("clusterName").hasMessageContaining("9lives");
        App app2 = new App(AppProps.builder().context(Map.of("requestsConcurrency", "many")).build());
        assertThatThrownBy(() -> AppInputs.fromContext(app2.getNode()))
                .hasMessageContaining("requestsConcurrency").hasMessageContaining("many");
    }
}
