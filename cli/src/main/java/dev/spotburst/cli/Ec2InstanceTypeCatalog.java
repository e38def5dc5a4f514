package dev.spotburst.cli;

import dev.spotburst.instancetypes.InstanceTypeCatalog;
import dev.spotburst.instancetypes.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Instance-type facts from EC2 {@code DescribeInstanceTypes}, fetched once for the types a configuration names.
 * The {@code instance-type} filter (not the {@code InstanceTypes} parameter) is used so that one misspelt type does
 * not fail the whole call with InvalidInstanceType: unknown types are simply absent, and the caller's fallback (the
 * bundled catalogue) or the config validation reports them.
 */
final class Ec2InstanceTypeCatalog implements InstanceTypeCatalog {

    /** EC2 accepts up to 200 values per filter; 100 keeps each request well inside that. */
    static final int TYPES_PER_REQUEST = 100;

    private final Map<String, InstanceTypeInfo> byType;

    private Ec2InstanceTypeCatalog(Map<String, InstanceTypeInfo> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Looks up {@code types} (paginating, one request per {@link #TYPES_PER_REQUEST} names). */
    static Ec2InstanceTypeCatalog fetch(Ec2Client ec2, Collection<String> types) {
        var found = new TreeMap<String, InstanceTypeInfo>();
        for (DescribeInstanceTypesRequest request : requests(types)) {
            ec2.describeInstanceTypesPaginator(request).instanceTypes()
                    .forEach(t -> found.put(t.instanceTypeAsString(), toInfo(t)));
        }
        return new Ec2InstanceTypeCatalog(found);
    }

    @Override
    public Optional<InstanceTypeInfo> find(String instanceType) {
        return Optional.ofNullable(byType.get(instanceType));
    }

    /** The requests for a set of type names: sorted, de-duplicated, chunked. */
    static List<DescribeInstanceTypesRequest> requests(Collection<String> types) {
        List<String> names = List.copyOf(new TreeSet<>(types));
        var requests = new ArrayList<DescribeInstanceTypesRequest>();
        for (int from = 0; from < names.size(); from += TYPES_PER_REQUEST) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + TYPES_PER_REQUEST));
            requests.add(DescribeInstanceTypesRequest.builder()
                    .filters(Filter.builder().name("instance-type").values(chunk).build())
                    .maxResults(100)
                    .build());
        }
        return requests;
    }

    /** One DescribeInstanceTypes entry in spotburst's terms (sockets are not reported by EC2: see the record). */
    static InstanceTypeInfo toInfo(software.amazon.awssdk.services.ec2.model.InstanceTypeInfo t) {
        var vcpu = t.vCpuInfo();
        int vcpus = vcpu.defaultVCpus();
        int threads = vcpu.defaultThreadsPerCore() != null ? vcpu.defaultThreadsPerCore() : 1;
        int cores = vcpu.defaultCores() != null ? vcpu.defaultCores() : Math.max(1, vcpus / threads);
        int gpus = t.gpuInfo() == null ? 0
                : t.gpuInfo().gpus().stream().map(GpuDeviceInfo::count).filter(c -> c != null)
                        .mapToInt(Integer::intValue).sum();
        return InstanceTypeInfo.fromDescribeInstanceTypes(t.instanceTypeAsString(), vcpus, cores, threads,
                t.memoryInfo().sizeInMiB(), Boolean.TRUE.equals(t.hibernationSupported()),
                Boolean.TRUE.equals(t.bareMetal()),
                t.processorInfo() == null ? List.of() : t.processorInfo().supportedArchitecturesAsStrings(),
                gpus, t.supportedUsageClassesAsStrings());
    }
}
