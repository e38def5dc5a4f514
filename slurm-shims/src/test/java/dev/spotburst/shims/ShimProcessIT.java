package dev.spotburst.shims;

import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.request.Spool;
import dev.spotburst.shims.sqs.LocalSqs;
import dev.spotburst.shims.sqs.RecordingProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed launcher (symlinked hook name → command, cached JDK, AppCDS) running the shaded jar as Slurm would.
 * With {@code -Dspotburst.shim.bench.runs=N} it also prints wall-time percentiles (not asserted).
 */
class ShimProcessIT {

    static LocalSqs sqs;
    static Path root;

    @BeforeAll
    static void up() throws Exception {
        sqs = LocalSqs.start();
        root = Files.createDirectories(Path.of("target/it-shim-process"));
    }

    @AfterAll
    static void down() {
        sqs.close();
    }

    ShimLauncher install(String name, String queue) throws Exception {
        Path home = root.resolve(name);
        return new ShimLauncher(home, ShimLauncher.settingsJson(queue, home.resolve("spool").toAbsolutePath(),
                home.resolve("shims.log").toAbsolutePath()));
    }

    @Test
    void resume_hook_sends_the_request_with_jobs_from_the_resume_file() throws Exception {
        String q = sqs.fifo("proc-a");
        var shim = install("resume", q);
        Path resumeFile = Files.writeString(shim.home.resolve("resume.json"),
                "{\"jobs\":[{\"job_id\":12,\"nodes\":\"aws-cpu-[0-1]\"}],\"all_nodes\":\"aws-cpu-[0-1]\"}");
        var env = shim.env(sqs.endpoint().toString());
        env.put("SLURM_RESUME_FILE", resumeFile.toAbsolutePath().toString());

        var run = shim.run("spotburst-resume", env, "aws-cpu-[0-1]");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var messages = sqs.drain(q);
        assertThat(messages).hasSize(1);
        var r = MessageCodec.readRequest(messages.get(0).body());
        assertThat(r.kind()).isEqualTo(PowerSaveRequest.Kind.RESUME);
        assertThat(r.jobs()).containsExactly(new PowerSaveRequest.JobNodes(12, "aws-cpu-[0-1]"));
        assertThat(new Spool(shim.home.resolve("spool")).pending()).isEmpty();
        assertThat(Files.readAllLines(shim.cache.resolve("java-home"))).containsExactly(System.getProperty("java.home"),
                Integer.toString(Runtime.version().feature()));
        // The start-up cache was recorded by this first call and renamed into place (no temporary left behind).
        try (var files = Files.list(shim.cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anySatisfy(n -> assertThat(n).matches("shims-\\d+-\\d+\\.(aot|jsa)"))
                    .noneSatisfy(n -> assertThat(n).endsWith(".tmp"));
        }
    }

    @Test
    void suspend_hook_with_sqs_down_exits_zero_and_spools() throws Exception {
        String q = sqs.fifo("proc-b");
        var shim = install("suspend-down", q);
        int dead;
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }

        var run = shim.run("spotburst-suspend", shim.env("http://127.0.0.1:" + dead), "aws-cpu-[2-3]");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        var spool = new Spool(shim.home.resolve("spool"));
        assertThat(spool.pending()).hasSize(1);
        assertThat(spool.read(spool.pending().get(0)).kind()).isEqualTo(PowerSaveRequest.Kind.SUSPEND);
        assertThat(shim.home.resolve("shims.log")).content().contains("left in spool");
    }

    @Test
    void on_an_instance_without_keys_the_hook_signs_with_the_instance_role_from_imdsv2() throws Exception {
        String q = sqs.fifo("proc-role");
        var shim = install("role", q);
        try (var imds = new FakeImds(); var proxy = RecordingProxy.to(sqs.endpoint())) {
            var env = shim.env(proxy.endpoint().toString());
            env.remove("AWS_ACCESS_KEY_ID");
            env.remove("AWS_SECRET_ACCESS_KEY");
            env.remove("AWS_EC2_METADATA_DISABLED");
            env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.endpoint());

            var run = shim.run("spotburst-resume", env, "aws-cpu-7");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(shim.home.resolve("shims.log")).content().contains("sent");
            assertThat(imds.calls()).first().isEqualTo("PUT /latest/api/token");
            var sent = proxy.seen();
            assertThat(sent).singleElement().satisfies(r -> {
                assertThat(r.header("Authorization")).contains("Credential=" + FakeImds.ACCESS_KEY + "/");
                assertThat(r.header("X-Amz-Security-Token")).isEqualTo(FakeImds.SESSION_TOKEN);
            });
        }
        assertThat(sqs.drain(q)).singleElement()
                .satisfies(m -> assertThat(MessageCodec.readRequest(m.body()).hostlist()).isEqualTo("aws-cpu-7"));
    }

    @Test
    void the_sdk_path_works_too() throws Exception {
        String q = sqs.fifo("proc-sdk");
        var shim = install("sdk", q);
        var env = shim.env(sqs.endpoint().toString());
        env.put("SPOTBURST_SHIM_SDK", "1");

        var run = shim.run("spotburst-suspend", env, "aws-cpu-9");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(sqs.drain(q)).singleElement()
                .satisfies(m -> assertThat(MessageCodec.readRequest(m.body()).hostlist()).isEqualTo("aws-cpu-9"));
    }

    @Test
    void missing_hostlist_is_a_usage_error() throws Exception {
        var shim = install("usage", sqs.fifo("proc-c"));

        var run = shim.run("spotburst-resume-fail", shim.env(sqs.endpoint().toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("exactly one argument");
    }

    @Test
    void wall_time_benchmark() throws Exception {
        int runs = Integer.getInteger("spotburst.shim.bench.runs", 0);
        Assumptions.assumeTrue(runs > 0, "set -Dspotburst.shim.bench.runs=N to measure");
        String q = sqs.fifo("proc-bench");
        var shim = install("bench", q);
        var env = shim.env(sqs.endpoint().toString());
        if (Boolean.getBoolean("spotburst.shim.bench.sdk")) {
            env.put("SPOTBURST_SHIM_SDK", "1");
        }
        if (Boolean.getBoolean("spotburst.shim.bench.appcds")) {
            env.put("SPOTBURST_STARTUP_CACHE", "appcds");
        }
        var first = shim.run("spotburst-resume", env, "aws-cpu-0");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        List<Long> millis = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            var run = shim.run("spotburst-resume", env, "aws-cpu-" + i);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            millis.add(run.wallNanos() / 1_000_000);
            cpu.add(run.cpuMillis());
        }
        Collections.sort(millis);
        Collections.sort(cpu);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("SHIM-BENCH path=%s first(cache recording)=%d ms runs=%d wall p50=%d p90=%d p99=%d max=%d min=%d ms;"
                        + " cpu(user+sys) p50=%d p99=%d ms; load avg %.1f on %d cpus%n",
                (env.containsKey("SPOTBURST_SHIM_SDK") ? "sdk" : "fast")
                        + (env.containsKey("SPOTBURST_STARTUP_CACHE") ? "+appcds" : "+default-cache"), first.wallNanos() / 1_000_000, runs,
                pct(millis, 50), pct(millis, 90), pct(millis, 99), millis.get(millis.size() - 1), millis.get(0),
                pct(cpu, 50), pct(cpu, 99), load, Runtime.getRuntime().availableProcessors());
        assertThat(sqs.drain(q)).hasSize(runs + 1);
    }

    static long pct(List<Long> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
    }
}
