package dev.spotburst.cli;

import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config slurm-conf --ec2-instance-types} against the EC2 emulator: the NodeName line is built from what
 * DescribeInstanceTypes says, and a type the bundled catalogue lacks is no longer "unknown".
 */
class Ec2InstanceTypesIT {

    private static final String PARTITIONS = """
            {"Partitions": [{"PartitionName": "p", "NodeGroups": [{
              "NodeGroupName": "g", "MaxNodes": 2, "Region": "eu-west-1", "PurchasingOption": "on-demand",
              "OnDemandOptions": {"AllocationStrategy": "lowest-price"},
              "LaunchTemplateSpecification": {"LaunchTemplateName": "hpc-node", "Version": "$Latest"},
              "LaunchTemplateOverrides": [{"InstanceType": "m6i.2xlarge"}, {"InstanceType": "x9z.huge"}],
              "SubnetIds": ["subnet-0a1b2c3d"]}]}]}
            """;

    record Run(int exit, String out, String err) {
    }

    @Test
    void slurmConfUsesDescribeInstanceTypes(@TempDir Path dir) throws Exception {
        Path partitions = dir.resolve("partitions.json");
        Files.writeString(partitions, PARTITIONS);
        // Deliberately different from the bundled catalogue's m6i.2xlarge (32 GiB), so the source is visible.
        var options = Ec2EmulatorOptions.builder().region("eu-west-1")
                .instanceType(new InstanceTypeSpec("m6i.2xlarge", 8, 16384, true, "x86_64", 0.384, 0.14))
                .instanceType(new InstanceTypeSpec("x9z.huge", 16, 65536, true, "x86_64", 1.0, 0.3))
                .build();
        try (Ec2Emulator emulator = Ec2Emulator.start(options)) {
            Run offline = run(null, "config", "slurm-conf", "--partitions", partitions.toString());
            assertThat(offline.exit()).as(offline.err()).isZero();
            assertThat(offline.err()).contains("x9z.huge");
            assertThat(offline.out()).contains("NodeName=p-g-[0-1] State=CLOUD CPUs=8 Sockets=1 CoresPerSocket=4 "
                    + "ThreadsPerCore=2 RealMemory=31408 ");

            Run ec2 = run(emulator, "config", "slurm-conf", "--ec2-instance-types", "--partitions",
                    partitions.toString());
            assertThat(ec2.exit()).as(ec2.err()).isZero();
            assertThat(ec2.err()).doesNotContain("x9z.huge");
            // RealMemory = 16384 - (400 + 30 x 16) from the emulator's m6i.2xlarge, the smaller of the two.
            assertThat(ec2.out()).contains("NodeName=p-g-[0-1] State=CLOUD CPUs=8 Sockets=1 CoresPerSocket=4 "
                    + "ThreadsPerCore=2 RealMemory=15504 Feature=m6i.2xlarge,x9z.huge,on-demand");
        }
    }

    private static Run run(Ec2Emulator emulator, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        if (emulator != null) {
            System.setProperty("aws.endpointUrlEc2", emulator.endpoint().toString());
        }
        try {
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.clearProperty("aws.endpointUrlEc2");
        }
    }
}
