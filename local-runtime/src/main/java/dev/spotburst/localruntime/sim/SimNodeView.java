package dev.spotburst.localruntime.sim;

/**
 * One node as {@code scontrol show node} would show it, plus what only the simulation knows: the instance slurmd
 * registered from and whether its processes are frozen.
 */
public record SimNodeView(String name, String state, String reason, String address, String instanceId, Long jobId,
                          boolean frozen) {

    static SimNodeView of(SimNode n) {
        return new SimNodeView(n.name.toString(), n.stateText(), n.reason, n.address, n.instanceId, n.jobId,
                n.frozenSince != null);
    }
}
