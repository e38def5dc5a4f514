package dev.spotburst.instancetypes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What spotburst needs to know about an EC2 instance type, in DescribeInstanceTypes terms.
 *
 * <p>EC2 does not report sockets; {@link #fromDescribeInstanceTypes} sets one socket holding all
 * {@code DefaultCores}. That is safe for Slurm: a node registering with more sockets than configured, but the same
 * or larger socket×core×thread product, is accepted.
 *
 * @param instanceType          e.g. {@code m6i.2xlarge}
 * @param vCpus                 {@code VCpuInfo.DefaultVCpus}
 * @param sockets               1 unless known otherwise (see above)
 * @param coresPerSocket        {@code VCpuInfo.DefaultCores / sockets}
 * @param threadsPerCore        {@code VCpuInfo.DefaultThreadsPerCore}
 * @param memoryMiB             {@code MemoryInfo.SizeInMiB}, the nominal size (the OS sees less)
 * @param hibernationSupported  {@code HibernationSupported}
 * @param bareMetal             {@code BareMetal}
 * @param architectures         {@code ProcessorInfo.SupportedArchitectures}, e.g. {@code x86_64}, {@code arm64}
 * @param gpus                  total GPU count ({@code GpuInfo.Gpus[].Count} summed), 0 when none
 * @param supportedUsageClasses {@code SupportedUsageClasses}: {@code on-demand}, {@code spot}
 */
public record InstanceTypeInfo(
        String instanceType,
        int vCpus,
        int sockets,
        int coresPerSocket,
        int threadsPerCore,
        long memoryMiB,
        boolean hibernationSupported,
        boolean bareMetal,
        List<String> architectures,
        int gpus,
        List<String> supportedUsageClasses) {

    /** EC2 hibernation prerequisite: "Instance RAM size — must be less than 150 GB" (EC2 User Guide). */
    public static final long HIBERNATION_MAX_MEMORY_MIB_EXCLUSIVE = 150L * 1024;

    public InstanceTypeInfo {
        Objects.requireNonNull(instanceType, "instanceType");
        if (vCpus < 1 || sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1 || memoryMiB < 1) {
            throw new IllegalArgumentException("instance type " + instanceType + " needs positive vCPUs, sockets, "
                    + "cores, threads and memory");
        }
        architectures = List.copyOf(architectures);
        supportedUsageClasses = List.copyOf(supportedUsageClasses);
    }

    /** Builds the record from the fields DescribeInstanceTypes returns (sockets unknown there, so 1). */
    public static InstanceTypeInfo fromDescribeInstanceTypes(String instanceType, int defaultVCpus, int defaultCores,
            int defaultThreadsPerCore, long sizeInMiB, boolean hibernationSupported, boolean bareMetal,
            List<String> supportedArchitectures, int gpus, List<String> supportedUsageClasses) {
        return new InstanceTypeInfo(instanceType, defaultVCpus, 1, defaultCores, defaultThreadsPerCore, sizeInMiB,
                hibernationSupported, bareMetal, supportedArchitectures, gpus, supportedUsageClasses);
    }

    public int cores() {
        return sockets * coresPerSocket;
    }

    public boolean supportsSpot() {
        return supportedUsageClasses.contains("spot");
    }

    /** Why this type cannot hibernate, in words for an error message; empty when it can. */
    public Optional<String> hibernationBlocker() {
        if (hibernationSupported) {
            return Optional.empty();
        }
        if (memoryMiB >= HIBERNATION_MAX_MEMORY_MIB_EXCLUSIVE) {
            return Optional.of(instanceType + " has " + (memoryMiB / 1024)
                    + " GiB of RAM; EC2 hibernates only instances with less than 150 GB");
        }
        if (bareMetal) {
            return Optional.of(instanceType + " is bare metal, which EC2 cannot hibernate");
        }
        return Optional.of("EC2 reports HibernationSupported=false for " + instanceType);
    }
}
