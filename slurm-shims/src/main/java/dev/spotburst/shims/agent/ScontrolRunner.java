package dev.spotburst.shims.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the real scontrol binary. {@code SLURM_CONF} is always set in the child's environment: without it a 22.05
 * client falls back to configless mode and sends a DNS SRV query through the system resolver (slurm-findings P8).
 */
public final class ScontrolRunner implements Scontrol {

    private final Path scontrol;
    private final Path slurmConf;
    private final Duration timeout;
    private final Map<String, String> extraEnv;

    public ScontrolRunner(Path scontrol, Path slurmConf, Duration timeout) {
        this(scontrol, slurmConf, timeout, Map.of());
    }

    /** {@code extraEnv} is added to the child's environment (tests point a fake scontrol at its log with it). */
    public ScontrolRunner(Path scontrol, Path slurmConf, Duration timeout, Map<String, String> extraEnv) {
        this.scontrol = scontrol;
        this.slurmConf = slurmConf;
        this.timeout = timeout;
        this.extraEnv = Map.copyOf(extraEnv);
    }

    @Override
    public ProcessResult run(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(scontrol.toString());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().putAll(extraEnv);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ProcessResult(127, "", "cannot start " + scontrol + ": " + e.getMessage(), false);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new ProcessResult(-1, joinQuietly(out), joinQuietly(err), true);
            }
            return new ProcessResult(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS), false);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ProcessResult(-1, "", "interrupted", true);
        } catch (ExecutionException | TimeoutException e) {
            return new ProcessResult(p.exitValue(), "", "cannot read scontrol output: " + e, false);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String joinQuietly(CompletableFuture<String> f) {
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
