package dev.spotburst.functions.ltcheck;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.config.LaunchTemplateDirectory;
import dev.spotburst.config.LaunchTemplateFacts;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster {@code demo} written as the user writes it (partitions.json + config.json, loaded by ConfigLoader):
 * {@code batch/od} (On-Demand, us-east-1), {@code batch/hib} (hibernating m6i.2xlarge: 32 GiB RAM, needs a 40 GiB
 * root, template {@code demo-batch-hib}, us-east-1) and {@code far/hib} (hibernating, eu-west-1, {@code demo-far-hib}).
 */
final class LaunchTemplateCheckFixture {
    private LaunchTemplateCheckFixture() {
    }

    static final String PARTITIONS = """
            {"Partitions": [
              {"PartitionName": "batch", "NodeGroups": [
                {"NodeGroupName": "od", "MaxNodes": 2, "Region": "us-east-1", "PurchasingOption": "on-demand",
                 "OnDemandOptions": {"AllocationStrategy": "lowest-price"},
                 "LaunchTemplateSpecification": {"LaunchTemplateName": "demo-batch-od", "Version": "$Latest"},
                 "LaunchTemplateOverrides": [{"InstanceType": "m6i.2xlarge"}], "SubnetIds": ["subnet-0a1b2c3d"]},
                {"NodeGroupName": "hib", "MaxNodes": 4, "Region": "us-east-1", "PurchasingOption": "spot",
                 "SpotOptions": {"AllocationStrategy": "capacity-optimized", "InstanceInterruptionBehavior": "hibernate"},
                 "LaunchTemplateSpecification": {"LaunchTemplateName": "demo-batch-hib", "Version": "$Latest"},
                 "LaunchTemplateOverrides": [{"InstanceType": "m6i.2xlarge"}], "SubnetIds": ["subnet-0a1b2c3d"]}
              ], "PartitionOptions": {"Default": "yes"}},
              {"PartitionName": "far", "NodeGroups": [
                {"NodeGroupName": "hib", "MaxNodes": 2, "Region": "eu-west-1", "PurchasingOption": "spot",
                 "SpotOptions": {"AllocationStrategy": "capacity-optimized", "InstanceInterruptionBehavior": "hibernate"},
                 "LaunchTemplateSpecification": {"LaunchTemplateName": "demo-far-hib", "Version": "$Latest"},
                 "LaunchTemplateOverrides": [{"InstanceType": "m6i.2xlarge"}], "SubnetIds": ["subnet-9f8e7d6c"]}
              ]}
            ]}
            """;

    static final String CONFIG = """
            {"LogLevel": "INFO", "LogFileName": "/var/log/spotburst.log", "SlurmBinPath": "/usr/bin/",
             "SlurmConf": {"PrivateData": "CLOUD", "ResumeProgram": "/opt/spotburst/bin/spotburst-resume",
               "SuspendProgram": "/opt/spotburst/bin/spotburst-suspend", "ResumeRate": "100", "SuspendRate": "100",
               "ResumeTimeout": "600", "SuspendTime": "720", "TreeWidth": "60000", "SlurmdTimeout": "0"},
             "Spotburst": {"ClusterName": "demo", "ReconcileIntervalSeconds": 60,
               "SubnetAvailabilityZones": {"subnet-0a1b2c3d": "us-east-1a", "subnet-9f8e7d6c": "eu-west-1a"}}}
            """;

    /** Loaded from files in {@code dir}; {@code partitions} replaces the default partitions.json when not null. */
    static ClusterConfig config(Path dir, String partitions) {
        try {
            Files.writeString(dir.resolve("partitions.json"), partitions == null ? PARTITIONS : partitions);
            Files.writeString(dir.resolve("config.json"), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var result = ConfigLoader.load(dir.resolve("partitions.json"), dir.resolve("config.json"),
                OfflineInstanceTypeCatalog.load());
        if (!result.ok()) {
            throw new IllegalStateException("fixture config invalid: " + result.errors());
        }
        return result.config();
    }

    static LaunchTemplateFacts template(String name, Boolean hibernation, Integer rootGiB, Boolean encrypted) {
        var devices = rootGiB == null ? List.<LaunchTemplateFacts.BlockDevice>of()
                : List.of(new LaunchTemplateFacts.BlockDevice("/dev/xvda", rootGiB, encrypted));
        return new LaunchTemplateFacts("lt-" + Integer.toHexString(name.hashCode()), name, "1", "ami-1", hibernation, devices);
    }

    /** Launch templates by region and name; records every lookup as {@code region/name}. */
    static final class MemoryTemplates {
        final Map<String, Map<String, LaunchTemplateFacts>> byRegion = new LinkedHashMap<>();
        final List<String> lookups = new ArrayList<>();

        MemoryTemplates put(String region, LaunchTemplateFacts t) {
            byRegion.computeIfAbsent(region, r -> new LinkedHashMap<>()).put(t.launchTemplateName(), t);
            return this;
        }

        LaunchTemplateDirectory in(String region) {
            return ref -> {
                lookups.add(region + "/" + ref.launchTemplateName());
                return Optional.ofNullable(byRegion.getOrDefault(region, Map.of()).get(ref.launchTemplateName()));
            };
        }
    }

    /** A saved event from test-events (events/cloudformation/launch-template-check-*.json), as Lambda gets it. */
    static Map<String, Object> event(String type) {
        String path = "events/cloudformation/launch-template-check-" + type + ".json";
        try (var in = LaunchTemplateCheckFixture.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test event " + path);
            }
            return Json.mapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
