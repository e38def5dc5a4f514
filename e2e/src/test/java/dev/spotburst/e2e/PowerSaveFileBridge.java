package dev.spotburst.e2e;

import dev.spotburst.localslurm.*;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for spotburst's power-save path, for the harness self-test: the ResumeProgram / SuspendProgram /
 * ResumeFailProgram are one-line scripts appending {@code <action> <hostlist>} to a file, and this bridge (polling
 * it in the test JVM) boots or terminates the nodes through {@link SimulatedInstances}, as spotburst will do through
 * SQS, Lambda and the EC2 emulator.
 */
final class PowerSaveFileBridge implements AutoCloseable {

    private final Path requests;
    private final Set<String> ignoredResumes = ConcurrentHashMap.newKeySet();
    private SlurmCluster cluster;
    private Map<String, String> plannedAddresses;
    private Thread thread;
    private volatile boolean running = true;

    private PowerSaveFileBridge(Path requests) {
        this.requests = requests;
    }

    /** Writes resume.sh, suspend.sh and resumefail.sh into {@code dir}. */
    static PowerSaveFileBridge writeScripts(Path dir) throws IOException {
        Files.createDirectories(dir);
        var requests = dir.resolve("requests");
        Files.writeString(requests, "");
        for (var action : new String[] {"resume", "suspend", "resumefail"}) {
            var script = dir.resolve(action + ".sh");
            Files.writeString(script, "#!/bin/sh\n# Slurm passes a hostlist; the test JVM acts on it.\necho \"" + action
                    + " $1\" >> '" + requests + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new PowerSaveFileBridge(requests);
    }

    Path script(String action) {
        return requests.resolveSibling(action + ".sh");
    }

    void start(SlurmCluster cluster, Map<String, String> plannedAddresses) {
        this.cluster = cluster;
        this.plannedAddresses = Map.copyOf(plannedAddresses);
        thread = Thread.ofPlatform().daemon().name("e2e-power-save-bridge").start(this::loop);
    }

    /** Resume requests for this node are logged but not acted on: an instance that never comes up. */
    void ignoreResumesOf(String node) {
        ignoredResumes.add(node);
    }

    private void loop() {
        long offset = 0;
        var pending = new StringBuilder();
        while (running) {
            try (var file = new RandomAccessFile(requests.toFile(), "r")) {
                if (file.length() > offset) {
                    file.seek(offset);
                    var bytes = new byte[(int) (file.length() - offset)];
                    file.readFully(bytes);
                    offset += bytes.length;
                    pending.append(new String(bytes, StandardCharsets.UTF_8));
                    int nl;
                    while ((nl = pending.indexOf("\n")) >= 0) {
                        handle(pending.substring(0, nl).strip());
                        pending.delete(0, nl + 1);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + requests, e);
            } catch (RuntimeException e) {
                cluster.timeline().mark("power-save bridge error: " + e.getMessage());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void handle(String line) {
        if (line.isEmpty()) {
            return;
        }
        var parts = line.split(" ", 2);
        var action = parts[0];
        var hostlist = parts.length > 1 ? parts[1] : "";
        cluster.timeline().mark(action + "Program called with " + hostlist);
        var nodes = cluster.scontrol("show", "hostnames", hostlist).orThrow().stdout().lines()
                .filter(l -> !l.isBlank()).toList();
        for (var node : nodes) {
            switch (action) {
                case "resume" -> {
                    if (!ignoredResumes.contains(node)) {
                        cluster.instances().boot(node, plannedAddresses.get(node));
                    }
                }
                case "suspend" -> cluster.instances().terminate(node);
                case "resumefail" -> { }
                default -> throw new IllegalStateException("unknown power-save action '" + action + "'");
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
