package dev.spotburst.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Top-level slurm.conf parameters of Slurm 22.05 (the version Debian 12 ships). Slurm refuses to parse a
 * slurm.conf holding an unknown key ("Parsing error at unrecognized key"), which stops every client, so a key in
 * {@code SlurmConf} that is not listed here is worth a warning. Not an error: the list may miss rare keys.
 */
final class SlurmConfKeys {

    private SlurmConfKeys() {
    }

    /** Keys spotburst writes itself from partitions.json; users must not put them in SlurmConf. */
    static final Set<String> GENERATED = Set.of("nodename", "partitionname", "nodeset", "downnodes");

    private static final List<String> NAMES = List.of(
            "AccountingStorageBackupHost", "AccountingStorageEnforce", "AccountingStorageExternalHost",
            "AccountingStorageHost", "AccountingStorageParameters", "AccountingStoragePass",
            "AccountingStoragePort", "AccountingStorageTRES", "AccountingStorageType", "AccountingStorageUser",
            "AccountingStoreFlags", "AcctGatherEnergyType", "AcctGatherFilesystemType",
            "AcctGatherInterconnectType", "AcctGatherNodeFreq", "AcctGatherProfileType",
            "AllowSpecResourcesUsage", "AuthAltParameters", "AuthAltTypes", "AuthInfo", "AuthType",
            "BackupAddr", "BackupController", "BatchStartTimeout", "BcastExclude", "BcastParameters",
            "BurstBufferType", "CliFilterPlugins", "ClusterName", "CommunicationParameters", "CompleteWait",
            "ControlAddr", "ControlMachine", "CoreSpecPlugin", "CpuFreqDef", "CpuFreqGovernors", "CredType",
            "DebugFlags", "DefCpuPerGPU", "DefMemPerCPU", "DefMemPerGPU", "DefMemPerNode", "DependencyParameters",
            "DisableRootJobs", "EioTimeout", "EnforcePartLimits", "Epilog", "EpilogMsgTime", "EpilogSlurmctld",
            "ExtSensorsFreq", "ExtSensorsType", "FairShareDampeningFactor", "FederationParameters", "FirstJobId",
            "GetEnvTimeout", "GpuFreqDef", "GresTypes", "GroupUpdateForce", "GroupUpdateTime",
            "HealthCheckInterval", "HealthCheckNodeState", "HealthCheckProgram", "InactiveLimit", "Include",
            "InteractiveStepOptions", "JobAcctGatherFrequency", "JobAcctGatherParams", "JobAcctGatherType",
            "JobCompHost", "JobCompLoc", "JobCompParams", "JobCompPass", "JobCompPort", "JobCompType",
            "JobCompUser", "JobContainerType", "JobCredentialPrivateKey", "JobCredentialPublicCertificate",
            "JobDefaults", "JobFileAppend", "JobRequeue", "JobSubmitPlugins", "KillOnBadExit", "KillWait",
            "LaunchParameters", "LaunchType", "Licenses", "LogTimeFormat", "MailDomain", "MailProg",
            "MaxArraySize", "MaxDBDMsgs", "MaxJobCount", "MaxJobId", "MaxMemPerCPU", "MaxMemPerNode",
            "MaxNodeCount", "MaxStepCount", "MaxTasksPerNode", "MCSParameters", "MCSPlugin", "MessageTimeout",
            "MinJobAge", "MpiDefault", "MpiParams", "NodeFeaturesPlugins", "OverTimeLimit", "PluginDir",
            "PlugStackConfig", "PowerParameters", "PowerPlugin", "PreemptExemptTime", "PreemptMode",
            "PreemptParameters", "PreemptType", "PrEpParameters", "PrEpPlugins", "PriorityCalcPeriod",
            "PriorityDecayHalfLife", "PriorityFavorSmall", "PriorityFlags", "PriorityMaxAge",
            "PriorityParameters", "PrioritySiteFactorParameters", "PrioritySiteFactorPlugin", "PriorityType",
            "PriorityUsageResetPeriod", "PriorityWeightAge", "PriorityWeightAssoc", "PriorityWeightFairshare",
            "PriorityWeightJobSize", "PriorityWeightPartition", "PriorityWeightQOS", "PriorityWeightTRES",
            "PrivateData", "ProctrackType", "Prolog", "PrologEpilogTimeout", "PrologFlags", "PrologSlurmctld",
            "PropagatePrioProcess", "PropagateResourceLimits", "PropagateResourceLimitsExcept", "RebootProgram",
            "ReconfigFlags", "RequeueExit", "RequeueExitHold", "ResumeFailProgram", "ResumeProgram",
            "ResumeRate", "ResumeTimeout", "ResvEpilog", "ResvOverRun", "ResvProlog", "ReturnToService",
            "RoutePlugin", "SchedulerParameters", "SchedulerTimeSlice", "SchedulerType", "ScronParameters",
            "SelectType", "SelectTypeParameters", "SlurmctldAddr", "SlurmctldDebug", "SlurmctldHost",
            "SlurmctldLogFile", "SlurmctldParameters", "SlurmctldPidFile", "SlurmctldPort",
            "SlurmctldPrimaryOffProg", "SlurmctldPrimaryOnProg", "SlurmctldSyslogDebug", "SlurmctldTimeout",
            "SlurmdDebug", "SlurmdLogFile", "SlurmdParameters", "SlurmdPidFile", "SlurmdPort", "SlurmdSpoolDir",
            "SlurmdSyslogDebug", "SlurmdTimeout", "SlurmdUser", "SlurmSchedLogFile", "SlurmSchedLogLevel",
            "SlurmUser", "SrunEpilog", "SrunPortRange", "SrunProlog", "StateSaveLocation", "SuspendExcNodes",
            "SuspendExcParts", "SuspendProgram", "SuspendRate", "SuspendTime", "SuspendTimeout",
            "SwitchParameters", "SwitchType", "TaskEpilog", "TaskPlugin", "TaskPluginParam", "TaskProlog",
            "TCPTimeout", "TmpFS", "TopologyParam", "TopologyPlugin", "TrackWCKey", "TreeWidth",
            "UnkillableStepProgram", "UnkillableStepTimeout", "UsePAM", "VSizeFactor", "WaitTime",
            "X11Parameters");

    private static final Set<String> KNOWN = lower(NAMES);

    static boolean known(String key) {
        return KNOWN.contains(key.toLowerCase(Locale.ROOT));
    }

    /** The names as Slurm documents them, for "did you mean" hints. */
    static List<String> names() {
        return NAMES;
    }

    private static Set<String> lower(List<String> keys) {
        Set<String> s = new TreeSet<>();
        for (String k : keys) {
            s.add(k.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(s);
    }
}
