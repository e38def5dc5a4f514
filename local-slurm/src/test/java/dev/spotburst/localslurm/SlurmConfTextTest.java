package dev.spotburst.localslurm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmConfTextTest {

    private static final String LINES = "NodeName=aws-cpu-[0-1] CPUs=1 RealMemory=100 State=CLOUD\n"
            + "PartitionName=aws Nodes=aws-cpu-[0-1] Default=YES State=UP\n";
    private static final Map<String, String> PLAN = Map.of("aws-cpu-0", "10.253.0.10", "aws-cpu-1", "10.253.0.11");

    private static ClusterSpec spec() {
        return ClusterSpec.ciDefaults(LINES, PLAN, Path.of("/x/resume.sh"), Path.of("/x/suspend.sh"),
                Path.of("/x/resumefail.sh"));
    }

    @Test
    void rendersTheVerifiedBaseWithEverythingUnderScratch() {
        var conf = SlurmConfText.render(spec().withSlurmdTimeout(0), Path.of("/s"), "vm");
        assertThat(conf)
                .contains("SlurmctldHost=vm(10.253.0.1)\n")
                .contains("AuthInfo=socket=/s/run/munge.socket,cred_expire=10\n")
                .contains("SlurmdSpoolDir=/s/spool/slurmd.%n\n")
                .contains("PrivateData=cloud\n")
                .contains("ReturnToService=2\n")
                .contains("SlurmdTimeout=0\n")
                .contains("SuspendTime=10\n").contains("SuspendTimeout=5\n").contains("ResumeTimeout=60\n")
                .contains("ResumeProgram=/x/resume.sh\n").contains("SuspendProgram=/x/suspend.sh\n")
                .contains("ResumeFailProgram=/x/resumefail.sh\n")
                .contains("SlurmctldParameters=cloud_reg_addrs,idle_on_node_suspend,power_save_interval=2,"
                        + "power_save_min_interval=0\n")
                .endsWith(LINES);
        // Keys Slurm 22.05 rejects as fatal must never appear.
        assertThat(conf).doesNotContain("SuspendExcStates").doesNotContain("PowerDownOnIdle");
    }

    @Test
    void hostsFileKeepsTheSystemEntriesAndAddsEveryPlannedNode() {
        var hosts = SlurmConfText.hosts("127.0.0.1 localhost\n", spec());
        assertThat(hosts).startsWith("127.0.0.1 localhost\n")
                .contains("10.253.0.10 aws-cpu-0\n").contains("10.253.0.11 aws-cpu-1\n");
    }

    @Test
    void specRejectsAddressesOutsideTheBridgeSubnet() {
        assertThatThrownBy(() -> ClusterSpec.ciDefaults(LINES, Map.of("aws-cpu-0", "192.168.1.5"), Path.of("/r"),
                Path.of("/s"), Path.of("/f"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aws-cpu-0 -> 192.168.1.5");
    }

    @Test
    void specAcceptsTheControllerAddressAsParked() {
        var spec = ClusterSpec.ciDefaults(LINES, Map.of("aws-cpu-0", E2eNetwork.CONTROLLER_IP), Path.of("/r"),
                Path.of("/s"), Path.of("/f"));
        assertThat(spec.plannedAddresses()).containsEntry("aws-cpu-0", "10.253.0.1");
    }

    @Test
    void specRejectsTooShortCredExpire() {
        assertThatThrownBy(() -> new ClusterSpec(LINES, PLAN, Path.of("/r"), Path.of("/s"), Path.of("/f"), 30, 10, 5,
                60, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credExpire");
    }
}
