package dev.spotburst.ec2emu;

import java.util.List;

/** One row of the instance-type catalogue (enough for DescribeInstanceTypes and pricing). */
public record InstanceTypeSpec(String instanceType, int vcpus, long memoryMiB, boolean hibernationSupported,
                               String architecture, double onDemandPrice, double spotPrice) {

    /** Prices are illustrative us-east-1 Linux figures; only their order matters to allocation strategies. */
    public static List<InstanceTypeSpec> builtIn() {
        return List.of(
                new InstanceTypeSpec("t3.micro", 2, 1024, true, "x86_64", 0.0104, 0.0031),
                new InstanceTypeSpec("t3.large", 2, 8192, true, "x86_64", 0.0832, 0.0250),
                new InstanceTypeSpec("m5.large", 2, 8192, true, "x86_64", 0.096, 0.0350),
                new InstanceTypeSpec("m5.xlarge", 4, 16384, true, "x86_64", 0.192, 0.0700),
                new InstanceTypeSpec("m5.2xlarge", 8, 32768, true, "x86_64", 0.384, 0.1400),
                new InstanceTypeSpec("m6i.large", 2, 8192, true, "x86_64", 0.096, 0.0380),
                new InstanceTypeSpec("m6i.xlarge", 4, 16384, true, "x86_64", 0.192, 0.0760),
                new InstanceTypeSpec("c5.large", 2, 4096, true, "x86_64", 0.085, 0.0310),
                new InstanceTypeSpec("c5.xlarge", 4, 8192, true, "x86_64", 0.170, 0.0620),
                new InstanceTypeSpec("c6i.xlarge", 4, 8192, true, "x86_64", 0.170, 0.0650),
                new InstanceTypeSpec("r5.large", 2, 16384, true, "x86_64", 0.126, 0.0450),
                new InstanceTypeSpec("r5.xlarge", 4, 32768, true, "x86_64", 0.252, 0.0900),
                // Graviton and .metal sizes do not support hibernation: useful for the error paths.
                new InstanceTypeSpec("c7g.large", 2, 4096, false, "arm64", 0.0725, 0.0280),
                new InstanceTypeSpec("m5.metal", 96, 393216, false, "x86_64", 4.608, 1.5000),
                new InstanceTypeSpec("hpc7g.4xlarge", 16, 131072, false, "arm64", 1.6832, 0.6000));
    }
}
