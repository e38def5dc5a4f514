package dev.spotburst.localslurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The controller, in a private mount namespace where /etc/hosts is the generated file that resolves every planned
 * node name (pitfall P5: unresolvable cloud node names stall client RPCs ~10 s each). The power-save programs it
 * starts inherit that namespace and the isolated network namespace of the JVM.
 */
final class Slurmctld implements AutoCloseable {

    private final Process process;

    private Slurmctld(Process process) {
        this.process = process;
    }

    static Slurmctld start(Path scratch, Path slurmConf, Path hostsFile, CommandRunner clients) throws IOException {
        var inner = "mount --bind '" + hostsFile + "' /etc/hosts && exec slurmctld -D -c -i -f '" + slurmConf + "'";
        var pb = new ProcessBuilder(List.of("unshare", "-m", "--propagation", "private", "/bin/sh", "-c", inner));
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        pb.redirectErrorStream(true).redirectOutput(scratch.resolve("log/slurmctld.out").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        var ctld = new Slurmctld(pb.start());
        ctld.awaitPing(clients, scratch);
        return ctld;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitPing(CommandRunner clients, Path scratch) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slurmctld exited with " + process.exitValue() + "; see "
                        + scratch.resolve("log/slurmctld.log") + " and " + scratch.resolve("log/slurmctld.out"));
            }
            if (clients.run("scontrol", "ping").stdout().contains("is UP")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for slurmctld", e);
            }
        }
        throw new IllegalStateException("slurmctld did not answer 'scontrol ping' within 30 s; see "
                + scratch.resolve("log/slurmctld.log"));
    }

    @Override
    public void close() {
        ProcessStopper.stop(process.toHandle(), Duration.ofSeconds(10));
    }
}
