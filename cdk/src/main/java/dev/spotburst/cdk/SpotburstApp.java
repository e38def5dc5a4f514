package dev.spotburst.cdk;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.slurmconf.SlurmConfGenerator;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code cdk synth} entry point. Context (all optional): {@code partitions}, {@code config} (paths, default the
 * bundled examples), {@code clusterName}, {@code lambdaJar}, {@code headNodeRoleArn}, {@code headNodeSecurityGroupId},
 * {@code vpcId}, {@code alarmTopicArn}, {@code alarmEmail}, {@code amiId}, {@code tableDeletionProtection},
 * {@code requestsConcurrency}, {@code nag=true} (run cdk-nag AwsSolutions during synth).
 */
public final class SpotburstApp {

    public static final String SLURM_CONF_FILE = "slurm.conf.spotburst";

    private SpotburstApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        var inputs = AppInputs.fromContext(app.getNode());
        var catalog = OfflineInstanceTypeCatalog.load();
        AppAssembly.Result result;
        try {
            result = AppAssembly.build(app, inputs, catalog,
                    (partitions, config) -> ConfigLoader.load(partitions, config, catalog),
                    SlurmConfGenerator::generate);
        } catch (InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if ("true".equals(String.valueOf(app.getNode().tryGetContext("nag")))) {
            Aspects.of(app).add(new AwsSolutionsChecks());
        }
        app.synth();
        writeSlurmConf(Path.of(app.getOutdir()), result.slurmConf());
    }

    static void writeSlurmConf(Path outdir, String slurmConf) {
        try {
            Files.writeString(outdir.resolve(SLURM_CONF_FILE), slurmConf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SLURM_CONF_FILE + " to " + outdir, e);
        }
    }
}
