package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second, independent EC2 client: the AWS CLI v2 (Debian's {@code awscli}, botocore's own Query serializer and XML
 * parser) runs {@code src/test/scripts/aws-cli-session.sh} against the emulator — create-fleet, describe with tag
 * filters and pagination, a persistent hibernating Spot Instance interrupted through the control endpoint, cancel,
 * terminate, delete-fleets and an error path. Skipped when no CLI v2 is installed ({@code .ci/run} installs it).
 */
class AwsCliConformanceIT {

    private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "src/test/scripts/aws-cli-session.sh");
    private static final long TIMEOUT_SECONDS = 120;

    /** Every step the script reports; a missing one means the script stopped or skipped it. */
    private static final List<String> STEPS = List.of("cli aws-cli/2.", "describe-availability-zones", "describe-subnets",
            "create-launch-template", "create-fleet --type instant", "describe-instances tag filter + pagination",
            "describe-fleets", "run-instances spot persistent + hibernate", "interrupt via",
            "describe-instances shows", "describe-spot-instance-requests", "cancel-spot-instance-requests",
            "terminate-instances", "delete-fleets --terminate-instances", "describe-instances: no live instances left",
            "error path: InvalidInstanceID.NotFound", "session complete");

    @Test
    void awsCliSessionAgainstTheEmulator() throws Exception {
        String cli = findCliV2();
        assumeTrue(cli != null, "AWS CLI v2 not installed (apt-get install awscli; or set AWS_CLI): skipping the "
                + "second-client conformance session");
        assertThat(SCRIPT).exists();

        try (Ec2Emulator emu = Ec2Emulator.start(Ec2EmulatorOptions.defaults())) {
            ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), emu.endpoint().toString())
                    .redirectErrorStream(true);
            pb.environment().put("AWS_CLI", cli);
            long start = System.nanoTime();
            Process p = pb.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().daemon().name("aws-cli-session-output").start(() -> pump(p, lines));
            boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            System.out.printf("AWS CLI session: %s in %.1f s (%d lines of output)%n",
                    finished ? "exit " + p.exitValue() : "timed out", (System.nanoTime() - start) / 1e9, lines.size());

            String output = String.join("\n", lines);
            assertThat(finished).as("script finished within %d s; output:%n%s", TIMEOUT_SECONDS, output).isTrue();
            assertThat(p.exitValue()).as("script exit code; output:%n%s", output).isZero();
            for (String step : STEPS) {
                assertThat(lines).as("an 'ok: %s' line; output:%n%s", step, output)
                        .anyMatch(l -> l.startsWith("ok: " + step));
            }

            // The emulator saw the CLI's calls, and the session left nothing alive.
            Map<String, Long> calls = emu.control().callCounts();
            assertThat(calls).containsEntry("CreateFleet", 1L).containsEntry("DeleteFleets", 1L)
                    .containsEntry("RunInstances", 1L).containsEntry("CancelSpotInstanceRequests", 1L)
                    .containsEntry("TerminateInstances", 1L).containsKeys("DescribeFleets",
                            "DescribeSpotInstanceRequests", "CreateLaunchTemplate", "DescribeSubnets");
            assertThat(calls.get("DescribeInstances")).as("DescribeInstances calls (pagination makes extra ones)")
                    .isGreaterThanOrEqualTo(5L);
            assertThat(emu.control().instances()).hasSize(7)
                    .allSatisfy(i -> assertThat(i.state()).isIn("shutting-down", "terminated"));
        }
    }

    private static void pump(Process p, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("[aws-cli-session] " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code $AWS_CLI}, else Debian's {@code /usr/bin/aws}, else {@code aws} on PATH — but only a CLI v2: a pip-installed
     * v1 may come first on PATH and is a different client.
     */
    private static String findCliV2() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("AWS_CLI");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("/usr/bin/aws");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "aws").toString());
            }
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c)) && version(c).startsWith("aws-cli/2.")) {
                return c;
            }
        }
        return null;
    }

    private static String version(String cli) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cli, "--version").redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
