package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.config.PluginConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * The user's configuration made runnable in seconds against the emulator: Slurm's power-save timeouts replaced by
 * the demo's (so the control plane and the simulated slurmctld agree on ResumeTimeout), and launch template versions
 * the emulator does not have (it keeps version 1 only) replaced by {@code $Latest}, and each group's capacity
 * cooldown capped at {@link #CAPACITY_COOLDOWN_SECONDS} so a dry group gets another chance within the demo's minute.
 */
public final class DemoConfig {
    private static final Set<String> EMULATED_VERSIONS = Set.of("$Latest", "$Default", "1");
    /** The demo runs in about a minute of wall time; the 600 s default would outlast it. */
    static final int CAPACITY_COOLDOWN_SECONDS = 15;

    private DemoConfig() {
    }

    public static ClusterConfig adapt(ClusterConfig config, Duration resumeTimeout, Duration suspendTime,
                                      Duration suspendTimeout) {
        var conf = new LinkedHashMap<>(config.plugin().slurmConf());
        conf.put("ResumeTimeout", Long.toString(Math.max(1, resumeTimeout.toSeconds())));
        conf.put("SuspendTime", Long.toString(Math.max(1, suspendTime.toSeconds())));
        conf.put("SuspendTimeout", Long.toString(Math.max(1, suspendTimeout.toSeconds())));
        var p = config.plugin();
        var plugin = new PluginConfig(p.logLevel(), p.logFileName(), p.slurmBinPath(), p.nodePartitionFolder(), conf,
                p.spotburst());
        List<PartitionConfig> partitions = config.partitions().stream().map(part -> new PartitionConfig(
                part.partitionName(), part.nodeGroups().stream().map(DemoConfig::emulatable).toList(),
                part.partitionOptions())).toList();
        return new ClusterConfig(partitions, plugin);
    }

    private static NodeGroupConfig emulatable(NodeGroupConfig g) {
        var lt = g.launchTemplate();
        int cooldown = Math.min(g.spotburst().capacityCooldownSeconds(), CAPACITY_COOLDOWN_SECONDS);
        if (EMULATED_VERSIONS.contains(lt.version()) && cooldown == g.spotburst().capacityCooldownSeconds()) {
            return g;
        }
        var version = EMULATED_VERSIONS.contains(lt.version()) ? lt.version() : "$Latest";
        return new NodeGroupConfig(g.partitionName(), g.nodeGroupName(), g.maxNodes(), g.region(), g.profileName(),
                g.purchasingOption(), g.onDemandOptions(), g.spotOptions(),
                new LaunchTemplateRef(lt.launchTemplateId(), lt.launchTemplateName(), version),
                g.launchTemplateOverrides(), g.subnetIds(), g.tags(), g.slurmSpecifications(),
                g.spotburst().withCapacityCooldownSeconds(cooldown));
    }
}
