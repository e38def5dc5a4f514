package dev.spotburst.slurmconf;

import dev.spotburst.instancetypes.InstanceTypeInfo;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlurmConfGeneratorTest {

    private static InstanceTypeInfo type(String name, int cores, int threads, long mib) {
        return InstanceTypeInfo.fromDescribeInstanceTypes(name, cores * threads, cores, threads, mib, true, false,
                List.of("x86_64"), 0, List.of("on-demand", "spot"));
    }

    @Test
    void realMemoryLeavesFixedPlusProportionalHeadroom() {
        assertThat(RealMemory.of(4096)).isEqualTo(3576);
        assertThat(RealMemory.of(32_768)).isEqualTo(31_408);
        assertThat(RealMemory.of(786_432)).isEqualTo(762_992);
        assertThat(RealMemory.of(100)).isEqualTo(1);
    }

    @Property
    void realMemoryStaysBelowWhatTheKernelShows(@ForAll @IntRange(min = 1, max = 24_576) int gib) {
        long mib = gib * 1024L;
        // The kernel keeps at least ~1.6 % (struct page) plus ~100 MiB; RealMemory must stay under that.
        assertThat(RealMemory.of(mib)).isLessThan((long) (mib * 0.984) - 100).isPositive();
    }

    @Test
    void shapeIsTheMinimumAndStaysConsistent() {
        var shape = NodeShape.of(List.of(type("c6i.12xlarge", 24, 2, 98_304), type("r6i.8xlarge", 16, 2, 262_144)))
                .orElseThrow();
        assertThat(shape).isEqualTo(new NodeShape(32, 1, 16, 2, RealMemory.of(98_304)));
    }

    @Test
    void mixedThreadingKeepsCpusEqualToTheTopologyProduct() {
        var shape = NodeShape.of(List.of(type("a.big", 32, 1, 65_536), type("b.big", 24, 2, 65_536))).orElseThrow();
        assertThat(shape.cpus()).isEqualTo(shape.sockets() * shape.coresPerSocket() * shape.threadsPerCore())
                .isEqualTo(24);
        assertThat(NodeShape.of(List.of())).isEmpty();
    }

    @Test
    void slurmctldParametersKeepUserValuesAndAddTheCloudOnes() {
        assertThat(SlurmConfGenerator.mergeParameters("")).isEqualTo("cloud_reg_addrs,idle_on_node_suspend");
        assertThat(SlurmConfGenerator.mergeParameters("enable_configless, idle_on_node_suspend"))
                .isEqualTo("enable_configless,idle_on_node_suspend,cloud_reg_addrs");
        assertThat(SlurmConfGenerator.mergeParameters("cloud_dns")).isEqualTo("cloud_dns,idle_on_node_suspend");
    }
}
