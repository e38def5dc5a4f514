package dev.spotburst.cli;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The DescribeInstanceTypes requests and the mapping of its answer, without any network. */
class Ec2InstanceTypeCatalogTest {

    @Test
    void asksOnceForEachTypeThroughTheInstanceTypeFilter() {
        List<DescribeInstanceTypesRequest> requests =
                Ec2InstanceTypeCatalog.requests(List.of("m6i.2xlarge", "c5.large", "m6i.2xlarge"));
        assertThat(requests).hasSize(1);
        DescribeInstanceTypesRequest r = requests.get(0);
        assertThat(r.hasInstanceTypes()).as("no InstanceTypes parameter: one unknown type would fail the call").isFalse();
        assertThat(r.filters()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("instance-type");
            assertThat(f.values()).containsExactly("c5.large", "m6i.2xlarge");
        });
    }

    @Test
    void chunksLongListsAndAsksNothingForNone() {
        var types = new ArrayList<String>();
        IntStream.range(0, 250).forEach(i -> types.add("t" + i + ".large"));
        List<DescribeInstanceTypesRequest> requests = Ec2InstanceTypeCatalog.requests(types);
        assertThat(requests).extracting(r -> r.filters().get(0).values().size()).containsExactly(100, 100, 50);
        assertThat(Ec2InstanceTypeCatalog.requests(List.of())).isEmpty();
    }

    @Test
    void mapsTheFieldsSlurmConfAndValidationUse() {
        InstanceTypeInfo ec2 = InstanceTypeInfo.builder().instanceType("g5.12xlarge")
                .vCpuInfo(v -> v.defaultVCpus(48).defaultCores(24).defaultThreadsPerCore(2))
                .memoryInfo(m -> m.sizeInMiB(196608L))
                .hibernationSupported(false).bareMetal(false)
                .processorInfo(p -> p.supportedArchitecturesWithStrings("x86_64"))
                .gpuInfo(g -> g.gpus(d -> d.count(4).name("A10G")))
                .supportedUsageClassesWithStrings("on-demand", "spot")
                .build();
        var info = Ec2InstanceTypeCatalog.toInfo(ec2);
        assertThat(info.instanceType()).isEqualTo("g5.12xlarge");
        assertThat(info.vCpus()).isEqualTo(48);
        assertThat(info.sockets()).isEqualTo(1);
        assertThat(info.coresPerSocket()).isEqualTo(24);
        assertThat(info.threadsPerCore()).isEqualTo(2);
        assertThat(info.memoryMiB()).isEqualTo(196608L);
        assertThat(info.hibernationSupported()).isFalse();
        assertThat(info.architectures()).containsExactly("x86_64");
        assertThat(info.gpus()).isEqualTo(4);
        assertThat(info.supportsSpot()).isTrue();
    }

    @Test
    void missingCoreCountsFallBackToVcpus() {
        InstanceTypeInfo ec2 = InstanceTypeInfo.builder().instanceType("t2.micro")
                .vCpuInfo(v -> v.defaultVCpus(1)).memoryInfo(m -> m.sizeInMiB(1024L))
                .supportedUsageClassesWithStrings("on-demand").build();
        var info = Ec2InstanceTypeCatalog.toInfo(ec2);
        assertThat(info.cores()).isEqualTo(1);
        assertThat(info.threadsPerCore()).isEqualTo(1);
        assertThat(info.gpus()).isZero();
        assertThat(info.architectures()).isEmpty();
        assertThat(info.supportsSpot()).isFalse();
    }
}
