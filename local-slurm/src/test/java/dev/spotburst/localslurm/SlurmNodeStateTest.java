package dev.spotburst.localslurm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmNodeStateTest {

    // Shape of `scontrol -o show node` in Slurm 22.05.8.
    private static final String DOWN_LINE = "NodeName=aws-cpu-0 CoresPerSocket=1 CPUAlloc=0 CPUEfctv=1 CPUTot=1 "
            + "CPULoad=N/A AvailableFeatures=aws ActiveFeatures=aws Gres=(null) NodeAddr=aws-cpu-0 "
            + "NodeHostName=aws-cpu-0 RealMemory=100 AllocMem=0 FreeMem=N/A Sockets=1 Boards=1 "
            + "State=DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A "
            + "MCS_label=N/A Partitions=aws BootTime=None SlurmdStartTime=None LastBusyTime=2026-11-22T17:25:43 "
            + "CfgTRES=cpu=1,mem=100M,billing=1 AllocTRES= CapWatts=n/a CurrentWatts=0 AveWatts=0 "
            + "ExtSensorsJoules=n/s ExtSensorsWatts=0 ExtSensorsTemp=n/s "
            + "Reason=ResumeTimeout reached [slurm@2026-11-22T17:27:01]";

    @Test
    void parsesBaseFlagsAddressAndReason() {
        var n = SlurmNodeState.parse(DOWN_LINE);
        assertThat(n.node()).isEqualTo("aws-cpu-0");
        assertThat(n.base()).isEqualTo("DOWN");
        assertThat(n.flags()).containsExactly("CLOUD", "POWERED_DOWN", "NOT_RESPONDING");
        assertThat(n.fullState()).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        assertThat(n.address()).isEqualTo("aws-cpu-0");
        assertThat(n.reason()).isEqualTo("ResumeTimeout reached");
        assertThat(n.isPoweredDown()).isTrue();
        assertThat(n.isPoweredUp()).isFalse();
    }

    @Test
    void lineWithoutReasonHasEmptyReason() {
        var n = SlurmNodeState.parse("NodeName=aws-cpu-1 NodeAddr=10.253.0.11 State=IDLE+CLOUD ThreadsPerCore=1");
        assertThat(n.reason()).isEmpty();
        assertThat(n.address()).isEqualTo("10.253.0.11");
        assertThat(n.isPoweredUp()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "IDLE+CLOUD+POWERED_DOWN, idle~",
            "ALLOCATED+CLOUD+POWERED_DOWN, allocated~",
            "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP, allocated#",
            "IDLE+CLOUD+NOT_RESPONDING+POWERING_UP, idle#",
            "IDLE+CLOUD+POWERING_DOWN, idle%",
            "DOWN+CLOUD+POWER_DOWN, down!",
            "IDLE+CLOUD+POWER_DOWN+NOT_RESPONDING, idle!",
            "DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING, down~",
            "IDLE+CLOUD+NOT_RESPONDING, idle*",
            "ALLOCATED+CLOUD, allocated",
            "IDLE+CLOUD+DRAIN, drained",
            "ALLOCATED+CLOUD+DRAIN, draining",
            "IDLE+CLOUD+COMPLETING+POWER_DOWN, completing!",
    })
    void compactFormMatchesSinfo(String state, String compact) {
        assertThat(SlurmNodeState.parse("NodeName=n State=" + state).compact()).isEqualTo(compact);
    }

    @Test
    void rejectsLinesThatAreNotNodes() {
        assertThatThrownBy(() -> SlurmNodeState.parse("Node aws-cpu-9 not found"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Node aws-cpu-9 not found");
    }
}
