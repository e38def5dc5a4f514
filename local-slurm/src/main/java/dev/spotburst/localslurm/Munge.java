package dev.spotburst.localslurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private munged for one test cluster: key, socket, pid, seed and log all under the scratch folder, so nothing in
 * /etc/munge or /run/munge is used or touched. Slurm finds the socket through {@code AuthInfo=socket=…}.
 */
final class Munge implements AutoCloseable {

    private final Path socket;
    private final Process process;

    private Munge(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    static Munge start(Path scratch, CommandRunner cmd) throws IOException {
        var dir = scratch.resolve("munge");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        var key = dir.resolve("munge.key");
        cmd.run("mungekey", "--create", "--keyfile=" + key).orThrow();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        var socket = scratch.resolve("run/munge.socket");
        if (socket.toString().length() > 100) {
            throw new IllegalStateException("munge socket path is too long for a unix socket (" + socket.toString().length()
                    + " chars, max ~100): " + socket + "; build from a shorter checkout path");
        }
        var pb = new ProcessBuilder(List.of("munged", "--foreground", "--key-file=" + key, "--socket=" + socket,
                "--pid-file=" + scratch.resolve("run/munged.pid"), "--log-file=" + scratch.resolve("log/munged.log"),
                "--seed-file=" + dir.resolve("munged.seed"), "--num-threads=4"));
        pb.redirectErrorStream(true).redirectOutput(scratch.resolve("log/munged.out").toFile());
        var munge = new Munge(socket, pb.start());
        munge.awaitReady(cmd);
        return munge;
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(CommandRunner cmd) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("munged exited with " + process.exitValue() + " (see log/munged.log)");
            }
            var r = cmd.run("sh", "-c", "munge -n -S '" + socket + "' | unmunge -S '" + socket + "'");
            if (r.ok()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("munged did not answer on " + socket + " within 15 s");
    }

    @Override
    public void close() {
        ProcessStopper.stop(process.toHandle(), Duration.ofSeconds(5));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
