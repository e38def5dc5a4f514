package dev.spotburst.shims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Lays out an installed head node under a test folder (launcher + hook links + shaded jar) and runs hooks. */
public final class ShimLauncher {

    public final Path home;
    public final Path settings;
    public final Path cache;

    public ShimLauncher(Path home, String settingsJson) throws IOException {
        this.home = home;
        deleteTree(home);
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        Path script = bin.resolve("spotburst-shim");
        Files.copy(Path.of("target/classes/bin/spotburst-shim"), script, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String hook : List.of("spotburst-resume", "spotburst-suspend", "spotburst-resume-fail", "spotburst-agent")) {
            Files.deleteIfExists(bin.resolve(hook));
            Files.createSymbolicLink(bin.resolve(hook), Path.of("spotburst-shim"));
        }
        Files.copy(Path.of("target/spotburst-shims.jar"), lib.resolve("spotburst-shims.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        this.settings = Files.writeString(home.resolve("head-node.json"), settingsJson);
        this.cache = home.resolve("cache");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public Map<String, String> env(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("SPOTBURST_SETTINGS", settings.toString());
        env.put("SPOTBURST_CACHE_DIR", cache.toString());
        env.put("SPOTBURST_JAVA_HOME", System.getProperty("java.home"));
        env.put("AWS_ENDPOINT_URL_SQS", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** {@code cpuMillis} is user + system CPU of the whole hook (launcher + JVM), -1 when /usr/bin/time is absent. */
    public record Run(int exitCode, String stderr, long wallNanos, long cpuMillis) {
    }

    static final Path TIME = Path.of("/usr/bin/time");

    public Run run(String hook, Map<String, String> env, String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-f", "CPU %U %S"));
        }
        cmd.add(home.resolve("bin").resolve(hook).toString());
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path err = Files.createTempFile(home, "stderr", ".txt");
        pb.redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(hook + " did not finish in 60 s");
        }
        long wall = System.nanoTime() - t0;
        String stderr = Files.readString(err);
        Files.delete(err);
        long cpu = -1;
        if (timed) {
            var lines = stderr.strip().lines().toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (last.startsWith("CPU ")) {
                String[] f = last.split(" ");
                cpu = Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000);
                stderr = String.join("\n", lines.subList(0, lines.size() - 1));
            }
        }
        return new Run(p.exitValue(), stderr, wall, cpu);
    }

    public static String settingsJson(String requestsUrl, Path spool, Path log) {
        return """
                {"cluster":"c1","region":"us-east-1",
                 "requestsQueueUrl":"%s","commandsQueueUrl":"%s","reportsQueueUrl":"%s",
                 "spoolDir":"%s","logFile":"%s"}
                """.formatted(requestsUrl, requestsUrl, requestsUrl, spool, log);
    }
}
