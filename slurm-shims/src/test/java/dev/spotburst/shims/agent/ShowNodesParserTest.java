package dev.spotburst.shims.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShowNodesParserTest {

    // Shape of scontrol 22.05 `-o show nodes` (one line per node).
    static final String OUTPUT = String.join("\n",
            "NodeName=aws-cpu-0 CoresPerSocket=1 CPUAlloc=0 CPUEfctv=1 CPUTot=1 CPULoad=N/A AvailableFeatures=aws "
                    + "ActiveFeatures=aws Gres=(null) NodeAddr=aws-cpu-0 NodeHostName=aws-cpu-0 RealMemory=100 "
                    + "AllocMem=0 FreeMem=N/A Sockets=1 Boards=1 State=DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING "
                    + "ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions=aws BootTime=None "
                    + "SlurmdStartTime=None LastBusyTime=2026-11-22T10:00:00 CfgTRES=cpu=1,mem=100M,billing=1 "
                    + "AllocTRES= CapWatts=n/a CurrentWatts=0 AveWatts=0 ExtSensorsJoules=n/s ExtSensorsWatts=0 "
                    + "ExtSensorsTemp=n/s Reason=ResumeTimeout reached [slurm@2026-11-22T10:01:00]",
            "NodeName=aws-cpu-1 Arch=x86_64 CoresPerSocket=1 NodeAddr=10.253.0.11 NodeHostName=aws-cpu-1 "
                    + "OS=Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) RealMemory=100 "
                    + "State=ALLOCATED+CLOUD ThreadsPerCore=1 Partitions=aws",
            "NodeName=local-0 NodeAddr=10.0.0.1 State=IDLE ThreadsPerCore=1",
            "");

    @Test
    void fields_keep_values_with_spaces() {
        var f = ShowNodesParser.fields(OUTPUT.lines().toList().get(1));

        assertThat(f).containsEntry("OS", "Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)")
                .containsEntry("State", "ALLOCATED+CLOUD").containsEntry("NodeAddr", "10.253.0.11");
    }

    @Test
    void cloud_nodes_only_with_base_state_flags_reason_and_address() {
        var nodes = ShowNodesParser.cloudNodes(OUTPUT);

        assertThat(nodes).hasSize(2);
        var n0 = nodes.get(0);
        assertThat(n0.name()).isEqualTo("aws-cpu-0");
        assertThat(n0.state()).isEqualTo("DOWN");
        assertThat(n0.flags()).containsExactlyInAnyOrder("CLOUD", "POWERED_DOWN", "NOT_RESPONDING");
        assertThat(n0.reason()).isEqualTo("ResumeTimeout reached [slurm@2026-11-22T10:01:00]");
        assertThat(n0.address()).isEqualTo("aws-cpu-0");
        assertThat(nodes.get(1).reason()).isNull();
        assertThat(nodes.get(1).state()).isEqualTo("ALLOCATED");
    }

    @Test
    void all_nodes_include_non_cloud_ones() {
        assertThat(ShowNodesParser.nodes(OUTPUT)).extracting(n -> n.name())
                .containsExactly("aws-cpu-0", "aws-cpu-1", "local-0");
    }
}
