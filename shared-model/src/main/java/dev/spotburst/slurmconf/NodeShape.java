package dev.spotburst.slurmconf;

import dev.spotburst.instancetypes.InstanceTypeInfo;

import java.util.Collection;
import java.util.Optional;

/**
 * The CPU topology and memory written on a group's NodeName line: the most every instance type of the group can
 * honour, so whichever type EC2 launches registers with at least what slurm.conf promises.
 *
 * <p>Threads per core, cores and sockets are each the minimum over the types, and {@code CPUs} is their product,
 * so {@code CPUs = Sockets × CoresPerSocket × ThreadsPerCore} always holds (Slurm rejects a line where it does not).
 * With types of equal threading this equals the minimum vCPU count; mixing threading (e.g. 32 cores × 1 thread
 * with 24 cores × 2 threads) gives 24 CPUs, the largest figure both types can register with.
 */
public record NodeShape(int cpus, int sockets, int coresPerSocket, int threadsPerCore, long realMemoryMiB) {

    public static Optional<NodeShape> of(Collection<InstanceTypeInfo> types) {
        if (types.isEmpty()) {
            return Optional.empty();
        }
        int threads = types.stream().mapToInt(InstanceTypeInfo::threadsPerCore).min().orElseThrow();
        int cores = types.stream().mapToInt(InstanceTypeInfo::cores).min().orElseThrow();
        int sockets = types.stream().mapToInt(InstanceTypeInfo::sockets).min().orElseThrow();
        if (cores % sockets != 0) {
            sockets = 1;
        }
        long memory = types.stream().mapToLong(t -> RealMemory.of(t.memoryMiB())).min().orElseThrow();
        return Optional.of(new NodeShape(sockets * (cores / sockets) * threads, sockets, cores / sockets, threads,
                memory));
    }
}
