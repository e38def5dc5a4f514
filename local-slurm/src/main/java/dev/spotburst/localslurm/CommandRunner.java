package dev.spotburst.localslurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived commands (ip, scontrol, sbatch, kill) to completion with a deadline. Every command gets the
 * given extra environment on top of the JVM's, which is how {@code SLURM_CONF} reaches every Slurm client (P8).
 */
public final class CommandRunner {

    /** Outcome of one command. */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Returns this result, or throws naming the command and its output when it failed. */
        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException("command failed (exit " + exitCode + "): " + String.join(" ", argv)
                        + "\nstdout: " + stdout.strip() + "\nstderr: " + stderr.strip());
            }
            return this;
        }
    }

    /** Output readers block on pipes; virtual threads keep them off the common pool. */
    private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final Map<String, String> environment;
    private final Duration timeout;

    public CommandRunner(Map<String, String> environment, Duration timeout) {
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    public Result run(String... argv) {
        return run(List.of(argv));
    }

    public Result run(List<String> argv) {
        var pb = new ProcessBuilder(argv);
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
        var out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), READERS);
        var err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), READERS);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Result(argv, -1, out.getNow(""), "timed out after " + timeout + ": " + err.getNow(""));
            }
            return new Result(argv, p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read output of " + String.join(" ", argv), e.getCause());
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
