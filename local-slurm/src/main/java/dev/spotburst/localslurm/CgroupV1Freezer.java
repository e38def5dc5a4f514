package dev.spotburst.localslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** {@link Freezer} on the cgroup-v1 freezer: one group per node under {@code /sys/fs/cgroup/freezer/spotburst-e2e}. */
final class CgroupV1Freezer implements Freezer {

    private final Path root;

    CgroupV1Freezer(Path root) {
        this.root = root;
    }

    @Override
    public String enrollShell(String node) {
        return "echo $$ > '" + group(node).resolve("cgroup.procs") + "'";
    }

    @Override
    public void create(String node) {
        try {
            Files.createDirectories(group(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create freezer cgroup " + group(node), e);
        }
    }

    @Override
    public void freeze(String node, Collection<Long> pids) {
        setState(node, "FROZEN");
    }

    @Override
    public void thaw(String node, Collection<Long> pids) {
        setState(node, "THAWED");
    }

    @Override
    public Collection<Long> members(String node) {
        var procs = group(node).resolve("cgroup.procs");
        try {
            return Files.exists(procs) ? Files.readAllLines(procs).stream().filter(l -> !l.isBlank())
                    .map(l -> Long.parseLong(l.strip())).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void remove(String node) {
        try {
            if (Files.exists(group(node))) {
                setState(node, "THAWED");
                Files.delete(group(node)); // rmdir: a cgroup directory is removed empty-handed
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove freezer cgroup " + group(node) + " (processes left in it?)", e);
        }
    }

    /** Removes the parent group when all node groups are gone (stale-run cleanup and close). */
    void removeRoot() {
        try {
            if (Files.exists(root)) {
                try (var children = Files.list(root)) {
                    if (children.noneMatch(Files::isDirectory)) {
                        Files.delete(root);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }

    Path root() {
        return root;
    }

    private Path group(String node) {
        return root.resolve(node);
    }

    // FREEZING is transient: the kernel reports FROZEN once every task has stopped.
    private void setState(String node, String state) {
        var file = group(node).resolve("freezer.state");
        try {
            Files.writeString(file, state);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.readString(file).strip().equals(state)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("freezer of " + node + " did not reach " + state + " within 10 s");
                }
                Files.writeString(file, state);
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting " + file, e);
        }
    }
}
