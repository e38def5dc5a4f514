package dev.spotburst.instancetypes;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineInstanceTypeCatalogTest {

    private final OfflineInstanceTypeCatalog catalog = OfflineInstanceTypeCatalog.load();

    @Test
    void coversTheRequestedFamilies() {
        Set<String> families = catalog.all().stream().map(t -> t.instanceType().split("\\.")[0])
                .collect(Collectors.toSet());
        assertThat(families).containsExactlyInAnyOrder("c5", "c6i", "c7i", "m5", "m6i", "m7i", "r5", "r6i", "r7i",
                "t3", "c6g", "m6g", "r6g", "c7g", "m7g");
    }

    @Test
    void everyEntryIsInternallyConsistent() {
        assertThat(catalog.all()).allSatisfy(t -> {
            assertThat(t.cores() * t.threadsPerCore()).as(t.instanceType()).isEqualTo(t.vCpus());
            boolean mayHibernate = !t.bareMetal()
                    && t.memoryMiB() < InstanceTypeInfo.HIBERNATION_MAX_MEMORY_MIB_EXCLUSIVE;
            assertThat(t.hibernationSupported()).as(t.instanceType()).isEqualTo(mayHibernate);
            assertThat(t.supportsSpot()).isTrue();
            assertThat(t.architectures()).hasSize(1);
        });
    }

    @Test
    void knownFiguresMatchDescribeInstanceTypes() {
        assertThat(catalog.find("c5.18xlarge")).hasValueSatisfying(t -> {
            assertThat(t.vCpus()).isEqualTo(72);
            assertThat(t.memoryMiB()).isEqualTo(147_456);
            assertThat(t.hibernationSupported()).isTrue(); // 144 GiB < 150 GB
        });
        assertThat(catalog.find("r5.8xlarge")).hasValueSatisfying(t -> {
            assertThat(t.hibernationSupported()).isFalse();
            assertThat(t.hibernationBlocker()).hasValueSatisfying(w -> assertThat(w).contains("256 GiB"));
        });
        assertThat(catalog.find("m7g.medium")).hasValueSatisfying(t -> {
            assertThat(t.vCpus()).isEqualTo(1);
            assertThat(t.threadsPerCore()).isEqualTo(1);
            assertThat(t.memoryMiB()).isEqualTo(4096);
            assertThat(t.architectures()).containsExactly("arm64");
        });
        assertThat(catalog.find("t3.large")).hasValueSatisfying(t -> {
            assertThat(t.coresPerSocket()).isEqualTo(1);
            assertThat(t.threadsPerCore()).isEqualTo(2);
            assertThat(t.memoryMiB()).isEqualTo(8192);
        });
        assertThat(catalog.find("c7i.metal-48xl")).hasValueSatisfying(t -> assertThat(t.bareMetal()).isTrue());
        assertThat(catalog.find("p5.48xlarge")).isEmpty();
    }

    @Test
    void orElseFallsBackToTheSecondCatalogue() {
        InstanceTypeInfo custom = InstanceTypeInfo.fromDescribeInstanceTypes("x1.custom", 4, 2, 2, 8192, false,
                false, java.util.List.of("x86_64"), 0, java.util.List.of("on-demand"));
        InstanceTypeCatalog first = type -> type.equals("x1.custom") ? java.util.Optional.of(custom)
                : java.util.Optional.empty();
        var both = first.orElse(catalog);
        assertThat(both.find("x1.custom")).contains(custom);
        assertThat(both.find("m5.large")).isPresent();
    }
}
