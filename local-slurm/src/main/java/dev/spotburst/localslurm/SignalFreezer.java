package dev.spotburst.localslurm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link Freezer} fallback without a v1 freezer: SIGSTOP / SIGCONT to every pid of the node's namespace. */
final class SignalFreezer implements Freezer {

    private final CommandRunner cmd;

    SignalFreezer(CommandRunner cmd) {
        this.cmd = cmd;
    }

    @Override
    public String enrollShell(String node) {
        return ":";
    }

    @Override
    public void create(String node) {
    }

    @Override
    public void freeze(String node, Collection<Long> pids) {
        signal("-STOP", pids);
    }

    @Override
    public void thaw(String node, Collection<Long> pids) {
        signal("-CONT", pids);
    }

    @Override
    public Collection<Long> members(String node) {
        return List.of();
    }

    @Override
    public void remove(String node) {
    }

    private void signal(String signal, Collection<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        var argv = new ArrayList<String>(List.of("kill", signal));
        pids.forEach(p -> argv.add(Long.toString(p)));
        cmd.run(argv); // a pid that exited meanwhile makes kill fail for that pid only
    }
}
