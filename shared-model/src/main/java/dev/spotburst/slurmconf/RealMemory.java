package dev.spotburst.slurmconf;

/**
 * {@code RealMemory} for a node: the part of an instance's nominal memory Slurm may hand to jobs.
 *
 * <p><b>Formula</b> (slurm-gcp's): {@code RealMemory = SizeInMiB - (400 + 30 × SizeInGiB)}, i.e. a fixed 400 MiB
 * plus 30 MiB per GiB (2.9 %). For example 4096 MiB (c5.large) gives 3576, 32768 MiB (m6i.2xlarge) 31408,
 * 786432 MiB (r6i.24xlarge) 762992.
 *
 * <p><b>Why headroom at all.</b> EC2's {@code SizeInMiB} is nominal; the kernel reports less in
 * {@code /proc/meminfo} (its page tables — 64 bytes of {@code struct page} per 4 KiB page, about 1.6 % — firmware
 * reservations, the kernel image), and slurmd registers that smaller figure. A node whose registered memory is
 * below the configured RealMemory is set INVALID ("Low RealMemory") and never runs jobs, so the configured value
 * must stay below what the OS sees. On top of that the OS, slurmd and the hibernation agent need a few hundred MiB
 * that jobs must not be scheduled into.
 *
 * <p><b>Why this formula over the alternatives</b> (prior-art.md):
 * <ul>
 *   <li>ParallelCluster's {@code 0.95 × SizeInMiB}: too tight for small instances (a 4 GiB instance has
 *       roughly 3.7 GiB visible, and 0.95 asks for 3.8), too generous in waste for large ones (38 GiB withheld
 *       on a 768 GiB instance).</li>
 *   <li>The EDA plugin's {@code (SizeInMiB − 650) × 0.95}: safe but withholds 5 % plus 650 MiB everywhere.</li>
 *   <li>slurm-gcp's fixed-plus-proportional term tracks the two real costs (a fixed OS footprint, and kernel
 *       bookkeeping proportional to memory) and stays below the visible memory from 1 GiB to several TiB.</li>
 * </ul>
 * Users who know better set {@code RealMemory} in the node group's {@code SlurmSpecifications}, which wins.
 */
public final class RealMemory {

    static final long FIXED_MIB = 400;
    static final long PER_GIB_MIB = 30;

    private RealMemory() {
    }

    /** RealMemory in MiB for an instance with {@code sizeInMiB} nominal memory; at least 1. */
    public static long of(long sizeInMiB) {
        return Math.max(1, sizeInMiB - FIXED_MIB - (PER_GIB_MIB * sizeInMiB) / 1024);
    }
}
