package dev.spotburst.shims.install;

import dev.spotburst.shims.cli.InstallHeadNodeCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstallHeadNodeCommandTest {

    static final Path FIXTURES = Path.of("src/test/resources/install");
    static final String LIVE_CONF = """
            ClusterName=genomics
            SlurmctldHost=head(10.0.0.1)
            SlurmUser=root
            # SlurmdTimeout=10 in a comment is ignored
            SlurmdTimeout=300
            NodeName=local-[0-1] CPUs=2 State=UNKNOWN
            include /etc/slurm/spotburst.conf
            """;

    @TempDir
    Path dir;
    Path prefix;
    Path config;
    Path jar;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        prefix = dir.resolve("root");
        Files.createDirectories(prefix.resolve("etc/slurm"));
        Files.writeString(prefix.resolve("etc/slurm/slurm.conf"), LIVE_CONF);
        config = Files.copy(FIXTURES.resolve("config.json"), dir.resolve("config.json"));
        jar = Files.writeString(dir.resolve("spotburst-shims.jar"), "not really a jar");
    }

    int install(String... extra) {
        var cmd = new CommandLine(new InstallHeadNodeCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("--settings", FIXTURES.resolve("head-node.json").toString(),
                "--partitions", FIXTURES.resolve("partitions.json").toString(), "--config", config.toString(),
                "--prefix", prefix.toString(), "--shim-jar", jar.toString(), "--slurm-version", "22.05"));
        args.addAll(List.of(extra));
        return cmd.execute(args.toArray(String[]::new));
    }

    @Test
    void installs_launchers_unit_settings_fragment_and_folders_under_the_prefix() throws Exception {
        int rc = install();

        assertThat(rc).as(err.toString()).isZero();
        Path bin = prefix.resolve("opt/spotburst/bin");
        assertThat(bin.resolve("spotburst-shim")).isExecutable().content().contains("dev.spotburst.shims.ShimMain");
        for (String hook : HeadNodeInstaller.HOOKS) {
            assertThat(Files.readSymbolicLink(bin.resolve(hook))).isEqualTo(Path.of("spotburst-shim"));
        }
        assertThat(prefix.resolve("opt/spotburst/lib/spotburst-shims.jar")).hasContent("not really a jar");
        assertThat(prefix.resolve("etc/systemd/system/spotburst-agent.service")).content()
                .contains("ExecStart=/opt/spotburst/bin/spotburst-agent");
        assertThat(prefix.resolve("etc/spotburst/head-node.json")).content().contains("\"cluster\": \"genomics\"");
        assertThat(prefix.resolve("etc/slurm/spotburst.conf")).content()
                .contains("ResumeProgram=/opt/spotburst/bin/spotburst-resume")
                .contains("SlurmdTimeout=3600")
                .contains("NodeName=batch-spot-[0-7]");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prefix.resolve("var/spool/spotburst"))))
                .isEqualTo("rwxrwx---");
        assertThat(prefix.resolve("var/cache/spotburst")).isDirectory();
        assertThat(prefix.resolve("var/log/spotburst")).isDirectory();
        // The live slurm.conf is never edited.
        assertThat(prefix.resolve("etc/slurm/slurm.conf")).hasContent(LIVE_CONF.strip());
    }

    @Test
    void installing_twice_is_harmless() {
        assertThat(install()).isZero();
        assertThat(install()).as(err.toString()).isZero();
    }

    @Test
    void slurmd_timeout_not_above_the_longest_hibernation_is_refused_with_the_reason() throws Exception {
        Files.writeString(config, Files.readString(config).replace("\"SlurmdTimeout\": 3600", "\"SlurmdTimeout\": 1800"));

        int rc = install();

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("SlurmdTimeout=1800").contains("batch-spot").contains("30 min")
                .contains("requeues or kills");
        assertThat(prefix.resolve("opt")).doesNotExist();
    }

    @Test
    void slurmd_timeout_zero_is_accepted() throws Exception {
        Files.writeString(config, Files.readString(config).replace("\"SlurmdTimeout\": 3600", "\"SlurmdTimeout\": 0"));

        assertThat(install()).as(err.toString()).isZero();
    }

    @Test
    void slurmd_timeout_from_the_live_conf_counts_when_config_json_has_none() throws Exception {
        Files.writeString(config, Files.readString(config).replace(",\n    \"SlurmdTimeout\": 3600", ""));

        int rc = install();

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("SlurmdTimeout=300 s");
    }

    @Test
    void private_data_cloud_in_the_live_conf_is_not_enough_when_the_fragment_overrides_it() {
        var live = SlurmConfFile.parse("PrivateData=cloud\n");
        var fragment = SlurmConfFile.parse("PrivateData=jobs\n");

        var on2205 = HeadNodeChecks.privateData(live, fragment, new int[] {22, 5});
        var on2302 = HeadNodeChecks.privateData(live, fragment, new int[] {23, 2});

        assertThat(on2205).hasValueSatisfying(p -> assertThat(p.message()).contains("'jobs'").contains("22.05"));
        assertThat(on2302).isEmpty();
        assertThat(HeadNodeChecks.privateData(SlurmConfFile.parse("PrivateData=jobs,cloud"), SlurmConfFile.parse(""),
                new int[] {22, 5})).isEmpty();
    }

    @Test
    void dry_run_prints_the_plan_and_changes_nothing() {
        int rc = install("--dry-run");

        assertThat(rc).isZero();
        assertThat(out.toString()).contains("would link    /opt/spotburst/bin/spotburst-resume -> spotburst-shim")
                .contains("--- /etc/slurm/spotburst.conf ---").contains("PartitionName=batch");
        assertThat(prefix.resolve("opt")).doesNotExist();
    }

    @Test
    void a_missing_include_is_a_warning_with_the_line_to_add() throws Exception {
        Files.writeString(prefix.resolve("etc/slurm/slurm.conf"), LIVE_CONF.replace("include /etc/slurm/spotburst.conf", ""));

        assertThat(install()).isZero();
        assertThat(out.toString()).contains("warning: slurm.conf does not include").contains("include /etc/slurm/spotburst.conf");
    }
}
