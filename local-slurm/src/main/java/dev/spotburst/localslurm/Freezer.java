package dev.spotburst.localslurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Freezes every process of a simulated instance, which is what hibernation looks like from Slurm's side: the node
 * keeps its namespace and address but nothing in it runs. The cgroup-v1 freezer is exact (children forked later are
 * caught too); SIGSTOP/SIGCONT on every pid of the namespace is the fallback where no v1 freezer is mounted and gave
 * the same Slurm behaviour in slurm-findings §5.
 */
interface Freezer {

    Path V1_ROOT = Path.of("/sys/fs/cgroup/freezer");
    String GROUP = "spotburst-e2e";

    /** Shell fragment the instance's first process runs before exec'ing slurmd, so all its descendants are enrolled. */
    String enrollShell(String node);

    /** Prepares the node's group (idempotent). */
    void create(String node);

    void freeze(String node, Collection<Long> pids);

    void thaw(String node, Collection<Long> pids);

    /** Pids the freezer knows for the node (the cgroup's members), beyond those found by namespace. */
    Collection<Long> members(String node);

    /** Removes the node's group; its processes must be gone. */
    void remove(String node);

    static Freezer detect(CommandRunner cmd) {
        return Files.isWritable(V1_ROOT.resolve("cgroup.procs")) ? new CgroupV1Freezer(V1_ROOT.resolve(GROUP))
                : new SignalFreezer(cmd);
    }
}
