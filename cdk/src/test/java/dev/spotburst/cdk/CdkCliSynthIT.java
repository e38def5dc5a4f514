package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a user runs: {@code cd cdk && npx cdk synth}, with the CLI version pinned in package.json, offline and with
 * no AWS credentials at all. Proves the pinned CLI reads the cloud assembly this CDK library writes.
 */
class CdkCliSynthIT {

    private static final Path CDK_DIR = Path.of("").toAbsolutePath();

    @Test
    void npxCdkSynthRunsOfflineWithoutCredentials() throws Exception {
        assumeTrue(onPath("npx"), "npx is not installed");
        if (!Files.isDirectory(CDK_DIR.resolve("node_modules/aws-cdk"))) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300).exit).isZero();
        }
        Path out = CDK_DIR.resolve("target/cdk-cli.out");
        Result synth = run(List.of("npx", "cdk", "synth", "--no-notices", "--quiet", "-o", out.toString()), 600);
        assertThat(synth.exit).as(synth.output).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".template.json"));
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).directory(CDK_DIR.toFile()).redirectErrorStream(true);
        var env = pb.environment();
        // No credentials and no profile: synth must not need them.
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("CDK_DISABLE_CLI_TELEMETRY", "true");
        Path log = Files.createTempFile("cdk-cli", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " timed out after " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("[" + String.join(" ", command) + "] exit " + p.exitValue() + "\n" + output);
        return new Result(p.exitValue(), output);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
