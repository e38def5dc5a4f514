package dev.spotburst.shims.bootstrap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
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

    @TempDir
    Path dir;
    HttpServer imds;
    final AtomicInteger tagCalls = new AtomicInteger();
    final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    volatile String nameTag = "aws-cpu-3";
    int notYet = 2;
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
            reply(ex, tagCalls.incrementAndGet() <= notYet ? 404 : 200, nameTag);
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
