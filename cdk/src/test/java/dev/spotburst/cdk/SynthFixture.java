package dev.spotburst.cdk;

import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.slurmconf.SlurmConfGenerator;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One synthesized app shared by every test in the JVM (the first synth costs ~5 s, assertions are cheap).
 * The configuration comes from {@code src/test/resources/cluster/valid}: cluster {@code test}, two node groups with
 * spotburst-managed launch templates (one hibernating) and one group using the user's own template.
 */
final class SynthFixture {

    static final Path TARGET = Path.of("target");
    static final Path RESOURCES = Path.of("src/test/resources");
    static final Path VALID = RESOURCES.resolve("cluster/valid");
    static final Path INVALID = RESOURCES.resolve("cluster/invalid");
    static final String CLUSTER = "test";
    static final String HEAD_NODE_SG = "sg-0123456789abcdef0";

    record Synth(App app, SpotburstStack stack, Template template, String slurmConf) {
    }

    private SynthFixture() {
    }

    /** The default deployment: new head-node role, alarm e-mail, VPC + head-node security group, cdk-nag on. */
    static Synth main() {
        return Main.SYNTH;
    }

    /** A second deployment attaching the head-node policy to an existing role. */
    static Synth existingHeadNodeRole() {
        return ExistingRole.SYNTH;
    }

    /**
     * The bare minimum: no VPC, no head-node security group or role, no alarm topic; the cluster name comes from
     * the {@code clusterName} context key ({@link #RENAMED}) instead of config.json.
     */
    static Synth minimal() {
        return Minimal.SYNTH;
    }

    static final String RENAMED = "burst2";

    /** The valid configuration with no hibernating group (the spot group terminates on interruption). */
    static Synth noHibernation() {
        return NoHibernation.SYNTH;
    }

    private static final class Main {
        static final Synth SYNTH = synth("main", Map.of(
                "alarmEmail", "ops@example.com",
                "vpcId", "vpc-0123456789abcdef0",
                "headNodeSecurityGroupId", HEAD_NODE_SG), true);
    }

    private static final class ExistingRole {
        static final Synth SYNTH = synth("variant", Map.of(
                "headNodeRoleArn", "arn:aws:iam::123456789012:role/slurm-head-node",
                "alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:ops"), false);
    }

    private static final class Minimal {
        static final Synth SYNTH = synth("minimal", Map.of("clusterName", RENAMED), false);
    }

    private static final class NoHibernation {
        static final Synth SYNTH = synthNoHibernation();
    }

    private static Synth synthNoHibernation() {
        try {
            Path dir = TARGET.resolve("cluster-no-hibernation");
            Files.createDirectories(dir);
            String partitions = Files.readString(VALID.resolve("partitions.json"));
            String terminating = partitions.replace(", \"InstanceInterruptionBehavior\": \"hibernate\"", "");
            if (terminating.equals(partitions)) {
                throw new IllegalStateException("the valid partitions.json no longer has a hibernating group");
            }
            Files.writeString(dir.resolve("partitions.json"), terminating);
            Files.copy(VALID.resolve("config.json"), dir.resolve("config.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            App app = new App(AppProps.builder().analyticsReporting(false)
                    .outdir(TARGET.resolve("cdk-test-out-no-hibernation").toString()).build());
            var catalog = OfflineInstanceTypeCatalog.load();
            var base = inputs(app, dir.resolve("partitions.json"), dir.resolve("config.json"));
            var in = new AppInputs(base.partitions(), base.config(), base.clusterName(), base.lambdaJar(),
                    base.stateMachineDir(), base.bootstrapDir(), layerDir("no-hibernation"), base.options());
            var result = AppAssembly.build(app, in, catalog, (p, c) -> ConfigLoader.load(p, c, catalog),
                    SlurmConfGenerator::generate);
            return new Synth(app, result.stack(), Template.fromStack(result.stack()), result.slurmConf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AppInputs inputs(App app, Path partitions, Path config) {
        var base = AppInputs.fromContext(app.getNode());
        return new AppInputs(partitions, config, base.clusterName(), dummyJar(), RESOURCES.resolve("asl"),
                RESOURCES.resolve("bootstrap"), TARGET.resolve("test-config-layer"), base.options());
    }

    static Synth synth(String name, Map<String, String> context, boolean nag) {
        App app = new App(AppProps.builder().context(Map.copyOf(context)).analyticsReporting(false)
                .outdir(TARGET.resolve("cdk-test-out-" + name).toString()).build());
        var catalog = OfflineInstanceTypeCatalog.load();
        var base = inputs(app, VALID.resolve("partitions.json"), VALID.resolve("config.json"));
        var in = new AppInputs(base.partitions(), base.config(), base.clusterName(), base.lambdaJar(),
                base.stateMachineDir(), base.bootstrapDir(), layerDir(name), base.options());
        var result = AppAssembly.build(app, in,
                catalog, (p, c) -> ConfigLoader.load(p, c, catalog), SlurmConfGenerator::generate);
        if (nag) {
            Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        }
        return new Synth(app, result.stack(), Template.fromStack(result.stack()), result.slurmConf());
    }

    /** Where a variant's config layer is staged (its {@code spotburst/} folder holds the two files). */
    static Path layerDir(String name) {
        return TARGET.resolve("test-config-layer-" + name);
    }

    /** The template asserts on resources, not code: any small jar will do as the Lambda asset. */
    static Path dummyJar() {
        Path jar = TARGET.resolve("test-lambda/functions-lambda.jar");
        try {
            Files.createDirectories(jar.getParent());
            try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write("placeholder for template tests".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
