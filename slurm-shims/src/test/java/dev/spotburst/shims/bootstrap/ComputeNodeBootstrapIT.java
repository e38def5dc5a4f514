package dev.spotburst.shims.bootstrap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the compute-node user data against a fake IMDS on 127.0.0.1 and fake system commands on PATH, then the
 * hibernation-resume handler it installed; asserts what each would have run and written.
 */
class ComputeNodeBootstrapIT {

    static final Path SCRIPT = Path.of("target/classes/bootstrap/compute-node-user-data.sh");
    static final String INSTANCE_ID = "i-0123456789abcdef0";
    static LoopbackDynamoDb dynamo;
    static final AtomicInteger tables = new AtomicInteger();

    @TempDir
    Path dir;
    HttpServer imds;
    final AtomicInteger tagCalls = new AtomicInteger();
    final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    volatile String nameTag = "aws-cpu-3";
    int notYet = 2;
    /** Keys IMDS lists under tags/instance; null = the category is absent (404). */
    volatile String tagKeys;
    final AtomicInteger instanceIdCalls = new AtomicInteger();
    /** Runs when IMDS is asked for the instance id the given time (the bootstrap asks once per table attempt). */
    volatile int launchRecordOnCall = Integer.MAX_VALUE;
    volatile Runnable launchRecord = () -> { };

    @BeforeAll
    static void startDynamo() throws Exception {
        dynamo = LoopbackDynamoDb.start();
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        dynamo.close();
    }
    Path root;
    Path calls;
    Path fakeBin;

    @BeforeEach
    void setUp() throws IOException {
        imds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imds.createContext("/latest/api/token", ex -> {
            boolean ok = ex.getRequestMethod().equals("PUT")
                    && ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") != null;
            reply(ex, ok ? 200 : 400, ok ? "TOKEN-" + tagCalls.get() : "");
        });
        imds.createContext("/latest/meta-data/tags/instance/Name", ex -> {
            tokensSeen.add(String.valueOf(ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token")));
            // Tags show up a little after the instance starts: 404 for the first calls.
            reply(ex, tagCalls.incrementAndGet() <= notYet || nameTag == null ? 404 : 200,
                    nameTag == null ? "" : nameTag);
        });
        imds.createContext("/latest/meta-data/tags/instance", ex ->
                reply(ex, tagKeys == null ? 404 : 200, tagKeys == null ? "" : tagKeys));
        imds.createContext("/latest/meta-data/instance-id", ex -> {
            if (instanceIdCalls.incrementAndGet() == launchRecordOnCall) {
                launchRecord.run();
            }
            reply(ex, 200, INSTANCE_ID);
        });
        imds.createContext("/latest/meta-data/placement/region", ex -> reply(ex, 200, "us-east-1"));
        imds.createContext("/latest/meta-data/iam/security-credentials/", ex -> {
            boolean list = ex.getRequestURI().getPath().endsWith("/security-credentials/");
            reply(ex, 200, list ? "spotburst-compute\n" : """
                    {
                      "Code" : "Success",
                      "LastUpdated" : "2026-11-22T20:00:00Z",
                      "Type" : "AWS-HMAC",
                      "AccessKeyId" : "ASIAEXAMPLEKEY",
                      "SecretAccessKey" : "secret/with+chars",
                      "Token" : "session-token==",
                      "Expiration" : "2026-11-23T02:00:00Z"
                    }""");
        });
        imds.start();
        root = Files.createDirectories(dir.resolve("root"));
        calls = dir.resolve("calls.log");
        fakeBin = Files.createDirectories(dir.resolve("bin"));
        for (String cmd : List.of("hostnamectl", "systemctl", "logger", "chronyc", "mount", "umount")) {
            fake(cmd, "");
        }
        // stat -f on the NFS mount fails once (server not answering yet), then works.
        fake("stat", "n=$(cat \"$FAKE_DIR/stat.count\" 2>/dev/null || echo 0); echo $((n+1)) > \"$FAKE_DIR/stat.count\"; "
                + "[ \"$n\" -ge 1 ]");
    }

    @AfterEach
    void tearDown() {
        imds.stop(0);
    }

    @Test
    void boots_as_the_node_named_by_the_tag() throws Exception {
        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()));

        assertThat(r.exit).as(r.output).isZero();
        assertThat(tagCalls.get()).isEqualTo(3);
        assertThat(tokensSeen).allSatisfy(t -> assertThat(t).startsWith("TOKEN-"));
        assertThat(Files.readAllLines(calls)).containsSubsequence(
                "hostnamectl set-hostname aws-cpu-3",
                "systemctl daemon-reload",
                "systemctl enable slurmd",
                "systemctl restart slurmd");
        assertThat(root.resolve("etc/spotburst/node-name")).hasContent("aws-cpu-3");
        assertThat(root.resolve("etc/spotburst/slurmd.env")).hasContent("SLURMD_OPTIONS=\"-b -N aws-cpu-3\"");
        assertThat(root.resolve("etc/systemd/system/slurmd.service.d/spotburst.conf"))
                .content().contains("EnvironmentFile=/etc/spotburst/slurmd.env");
        assertThat(root.resolve("usr/lib/systemd/system-sleep/spotburst")).isExecutable()
                .content().contains("spotburst-node-resume.service");
        assertThat(root.resolve("etc/systemd/system/spotburst-node-resume.service")).content()
                .contains("ExecStart=/usr/local/sbin/spotburst-node-resume");
    }

    @Test
    void refuses_a_tag_that_is_no_node_name() throws Exception {
        nameTag = "rm -rf /";
        notYet = 0;

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("not a valid Slurm node name");
        assertThat(Files.readString(calls)).doesNotContain("hostnamectl").doesNotContain("systemctl");
    }

    @Test
    void gives_up_when_the_tag_never_comes() throws Exception {
        notYet = Integer.MAX_VALUE;

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), "SPOTBURST_TAG_WAIT_SECONDS=1");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("InstanceMetadataTags");
    }

    @Test
    void without_a_name_tag_reads_the_launch_record_that_appears_after_a_while() throws Exception {
        nameTag = null;
        tagKeys = "aws:ec2launchtemplate:id\nspotburst:cluster";
        String table = newTable();
        // The launch record lands between the bootstrap's second and third look-up.
        launchRecordOnCall = 3;
        launchRecord = () -> dynamo.putLaunchRecord(table, INSTANCE_ID, "aws-cpu-12");

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), tableEnv(table));

        assertThat(r.exit).as(r.output).isZero();
        assertThat(instanceIdCalls.get()).isEqualTo(3);
        assertThat(r.output)
                .contains("instance tags carry no Name")
                .contains("no launch record LAUNCH#" + INSTANCE_ID + " in table " + table)
                .contains("this instance is Slurm node aws-cpu-12 (from the launch record in table " + table + ")")
                .doesNotContain("secret/with+chars").doesNotContain("session-token==");
        assertThat(Files.readAllLines(calls)).contains("hostnamectl set-hostname aws-cpu-12");
        assertThat(root.resolve("etc/spotburst/slurmd.env")).hasContent("SLURMD_OPTIONS=\"-b -N aws-cpu-12\"");
    }

    @Test
    void reads_the_launch_record_when_imds_has_no_instance_tags() throws Exception {
        nameTag = null;
        String table = newTable();
        dynamo.putLaunchRecord(table, INSTANCE_ID, "gpu-p4d-0");

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), tableEnv(table));

        assertThat(r.exit).as(r.output).isZero();
        assertThat(instanceIdCalls.get()).isEqualTo(1);
        assertThat(root.resolve("etc/spotburst/node-name")).hasContent("gpu-p4d-0");
    }

    @Test
    void a_name_tag_wins_without_asking_the_table() throws Exception {
        notYet = 0;
        String table = newTable();

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), tableEnv(table));

        assertThat(r.exit).as(r.output).isZero();
        assertThat(instanceIdCalls.get()).isZero();
        assertThat(r.output).contains("from the Name tag");
    }

    @Test
    void refuses_a_launch_record_that_names_no_node() throws Exception {
        nameTag = null;
        String table = newTable();
        dynamo.putLaunchRecord(table, INSTANCE_ID, "x-$(reboot)-1");

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), tableEnv(table));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("not a valid Slurm node name");
        assertThat(Files.readString(calls)).doesNotContain("hostnamectl").doesNotContain("systemctl");
    }

    @Test
    void gives_up_with_a_clear_line_when_no_launch_record_comes() throws Exception {
        nameTag = null;
        tagKeys = "spotburst:cluster";
        String table = newTable();

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), tableEnv(table)[0], tableEnv(table)[1],
                "SPOTBURST_NAME_WAIT_SECONDS=1");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("no node name after 1s: no Name tag and no launch record in table " + table
                + " (last: instance tags carry no Name; no launch record LAUNCH#" + INSTANCE_ID + " in table " + table + " (yet))");
        assertThat(Files.readString(calls)).doesNotContain("hostnamectl");
    }

    @Test
    void reports_a_missing_table_as_the_reason() throws Exception {
        nameTag = null;

        var r = run(List.of("bash", SCRIPT.toAbsolutePath().toString()), tableEnv("no-such-table")[0],
                tableEnv("no-such-table")[1], "SPOTBURST_NAME_WAIT_SECONDS=0");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("GetItem on").contains("ResourceNotFoundException");
    }

    private static String newTable() {
        String table = "bootstrap-" + tables.incrementAndGet() + "-state";
        dynamo.createStateTable(table);
        return table;
    }

    private static String[] tableEnv(String table) {
        return new String[]{"SPOTBURST_STATE_TABLE=" + table, "SPOTBURST_DYNAMODB_ENDPOINT=" + dynamo.endpoint};
    }

    @Test
    void resume_handler_steps_the_clock_remounts_nfs_and_reloads_slurmd() throws Exception {
        assertThat(run(List.of("bash", SCRIPT.toAbsolutePath().toString())).exit).isZero();
        Files.delete(calls);
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/mounts"), """
                /dev/nvme0n1p1 / ext4 rw 0 0
                fs-1.efs:/ /shared nfs4 rw,vers=4.1 0 0
                """);

        var r = run(List.of("bash", root.resolve("usr/local/sbin/spotburst-node-resume").toString()));

        assertThat(r.exit).as(r.output).isZero();
        assertThat(Files.readAllLines(calls)).containsSubsequence(
                "chronyc makestep",
                "umount -f -l /shared",
                "mount /shared",
                "systemctl is-active --quiet slurmd",
                "systemctl reload slurmd");
    }

    @Test
    void generated_scripts_pass_shellcheck() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck not installed");
        assertThat(run(List.of("bash", SCRIPT.toAbsolutePath().toString())).exit).isZero();

        var r = run(List.of("/usr/bin/shellcheck", SCRIPT.toAbsolutePath().toString(),
                root.resolve("usr/local/sbin/spotburst-node-resume").toString(),
                root.resolve("usr/lib/systemd/system-sleep/spotburst").toString()));

        assertThat(r.exit).as(r.output).isZero();
    }

    record Result(int exit, String output) {
    }

    Result run(List<String> command, String... extraEnv) throws Exception {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        var env = pb.environment();
        env.put("PATH", fakeBin + ":/usr/bin:/bin");
        env.put("SPOTBURST_IMDS_URL", "http://127.0.0.1:" + imds.getAddress().getPort());
        env.put("SPOTBURST_ROOT", root.toString());
        env.put("SPOTBURST_RETRY_SECONDS", "0.1");
        env.put("FAKE_DIR", dir.toString());
        env.put("FAKE_CALLS", calls.toString());
        for (String kv : extraEnv) {
            int i = kv.indexOf('=');
            env.put(kv.substring(0, i), kv.substring(i + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private void fake(String name, String body) throws IOException {
        Path f = fakeBin.resolve(name);
        Files.writeString(f, "#!/bin/sh\necho \"" + name + " $*\" >> \"$FAKE_CALLS\"\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }
}
