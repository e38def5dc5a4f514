package dev.spotburst.instancetypes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The instance types bundled in {@code instance-types/instance-types.json}: common x86 and Graviton families
 * (c5, c6i, c7i, m5, m6i, m7i, r5, r6i, r7i, t3, c6g, m6g, r6g, c7g, m7g). The file uses DescribeInstanceTypes'
 * own field names and nesting, so an {@code aws ec2 describe-instance-types} response can be dropped in as is.
 */
public final class OfflineInstanceTypeCatalog implements InstanceTypeCatalog {

    static final String RESOURCE = "instance-types/instance-types.json";

    private static volatile OfflineInstanceTypeCatalog bundled;

    private final Map<String, InstanceTypeInfo> types;

    private OfflineInstanceTypeCatalog(Map<String, InstanceTypeInfo> types) {
        this.types = types;
    }

    /** The bundled catalogue (parsed once per JVM). */
    public static OfflineInstanceTypeCatalog load() {
        OfflineInstanceTypeCatalog c = bundled;
        if (c == null) {
            try (InputStream in = OfflineInstanceTypeCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " missing from the classpath");
                }
                c = fromDescribeInstanceTypesJson(Json.mapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            bundled = c;
        }
        return c;
    }

    /** Parses a DescribeInstanceTypes-shaped document: {@code {"InstanceTypes": [{...}, ...]}}. */
    public static OfflineInstanceTypeCatalog fromDescribeInstanceTypesJson(JsonNode root) {
        Map<String, InstanceTypeInfo> map = new TreeMap<>();
        for (JsonNode t : root.path("InstanceTypes")) {
            String name = t.path("InstanceType").asText();
            JsonNode cpu = t.path("VCpuInfo");
            int gpus = 0;
            for (JsonNode g : t.path("GpuInfo").path("Gpus")) {
                gpus += g.path("Count").asInt();
            }
            List<String> arch = new ArrayList<>();
            t.path("ProcessorInfo").path("SupportedArchitectures").forEach(a -> arch.add(a.asText()));
            List<String> usage = new ArrayList<>();
            t.path("SupportedUsageClasses").forEach(a -> usage.add(a.asText()));
            map.put(name, InstanceTypeInfo.fromDescribeInstanceTypes(name,
                    cpu.path("DefaultVCpus").asInt(), cpu.path("DefaultCores").asInt(),
                    cpu.path("DefaultThreadsPerCore").asInt(1), t.path("MemoryInfo").path("SizeInMiB").asLong(),
                    t.path("HibernationSupported").asBoolean(), t.path("BareMetal").asBoolean(), arch, gpus, usage));
        }
        return new OfflineInstanceTypeCatalog(Map.copyOf(map));
    }

    @Override
    public Optional<InstanceTypeInfo> find(String instanceType) {
        return Optional.ofNullable(types.get(instanceType));
    }

    public Collection<InstanceTypeInfo> all() {
        return new TreeMap<>(types).values();
    }
}
