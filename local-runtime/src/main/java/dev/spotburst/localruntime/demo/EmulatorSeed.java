package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.ec2emu.EmulatorClock;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.instancetypes.InstanceTypeCatalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EC2 emulator world that matches a cluster configuration: its region, the subnets the node groups name (with the
 * zones from {@code SubnetAvailabilityZones}, else spread over a/b/c), their launch templates (by id or name, with
 * hibernation configured for hibernating groups) and their instance types (from the offline catalogue when the
 * emulator's built-in list lacks them). Wall-clock time, so instances boot and terminate by themselves.
 */
public final class EmulatorSeed {
    private EmulatorSeed() {
    }

    public static String region(ClusterConfig config) {
        return config.nodeGroups().map(NodeGroupConfig::region).filter(r -> r != null && !r.isBlank()).findFirst()
                .orElse("us-east-1");
    }

    public static Map<String, String> subnetZones(ClusterConfig config) {
        String region = region(config);
        var known = config.plugin().spotburst().subnetAvailabilityZones();
        var out = new LinkedHashMap<String, String>();
        int i = 0;
        for (var subnet : config.nodeGroups().flatMap(g -> g.subnetIds().stream()).distinct().toList()) {
            out.put(subnet, known.getOrDefault(subnet, region + (char) ('a' + (i++ % 3))));
        }
        return out;
    }

    public static Ec2EmulatorOptions options(ClusterConfig config, InstanceTypeCatalog catalog, int capacityPerPool,
                                             Duration bootTime, Duration shutdownTime) {
        return options(config, catalog, capacityPerPool, bootTime, shutdownTime, Duration.ofMinutes(2));
    }

    /** @param interruptionNotice warning → terminate/stop of a Spot Instance (two minutes on AWS; hibernate is immediate) */
    public static Ec2EmulatorOptions options(ClusterConfig config, InstanceTypeCatalog catalog, int capacityPerPool,
                                             Duration bootTime, Duration shutdownTime, Duration interruptionNotice) {
        String region = region(config);
        var zones = subnetZones(config);
        Set<String> azs = new LinkedHashSet<>(List.of(region + "a", region + "b", region + "c"));
        azs.addAll(zones.values());
        var b = Ec2EmulatorOptions.builder().region(region).clock(EmulatorClock.system())
                .availabilityZones(new ArrayList<>(azs))
                .pendingToRunning(bootTime).shuttingDownToTerminated(shutdownTime).stoppingToStopped(shutdownTime)
                .defaultCapacityPerPool(capacityPerPool).interruptionNotice(interruptionNotice);
        int n = 0;
        for (var e : zones.entrySet()) {
            b.subnet(SubnetSpec.of(e.getKey(), e.getValue(), "10." + (++n) + ".0.0/16"));
        }
        var builtIn = InstanceTypeSpec.builtIn().stream().map(InstanceTypeSpec::instanceType).toList();
        var seen = new LinkedHashSet<String>();
        for (var g : config.nodeGroups().toList()) {
            for (var type : g.instanceTypes()) {
                if (!builtIn.contains(type) && seen.add(type)) {
                    b.instanceType(typeSpec(type, catalog));
                }
            }
        }
        var templates = new LinkedHashMap<String, LaunchTemplateSpec>();
        for (var g : config.nodeGroups().toList()) {
            var ref = g.launchTemplate();
            String id = ref.launchTemplateId() != null ? ref.launchTemplateId() : "lt-" + digest(ref.launchTemplateName());
            String name = ref.launchTemplateName() != null ? ref.launchTemplateName() : "spotburst-demo-" + id;
            templates.putIfAbsent(id, new LaunchTemplateSpec(id, name, "ami-0" + digest(name).substring(0, 16),
                    g.instanceTypes().getFirst(), g.hibernates(), Map.of()));
        }
        templates.values().forEach(b::launchTemplate);
        return b.build();
    }

    private static InstanceTypeSpec typeSpec(String type, InstanceTypeCatalog catalog) {
        var info = catalog.find(type);
        int vcpus = info.map(i -> i.vCpus()).orElse(8);
        long mem = info.map(i -> i.memoryMiB()).orElse(32_768L);
        boolean hib = info.map(i -> i.hibernationSupported()).orElse(true);
        String arch = info.map(i -> i.architectures().isEmpty() ? "x86_64" : i.architectures().getFirst()).orElse("x86_64");
        double od = 0.048 * vcpus; // illustrative; only the order matters to allocation strategies
        return new InstanceTypeSpec(type, vcpus, mem, hib, arch, od, od * 0.35);
    }

    private static String digest(String s) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 17);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
