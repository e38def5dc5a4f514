package dev.spotburst.localruntime.sim;

import dev.spotburst.config.PluginConfig;

import java.time.Duration;

/**
 * slurmctld's power-saving knobs as the simulation uses them. {@link #from} reads them from config.json's
 * {@code SlurmConf} and divides every duration by {@code speedUp}, so a demo sees SuspendTime=720 pass in seconds.
 *
 * @param resumeRate        most nodes per ResumeProgram call (Slurm: nodes per minute; here: per power-save pass)
 * @param suspendRate       most nodes per SuspendProgram call
 * @param suspendTime       idle time before a powered-up node is suspended
 * @param suspendTimeout    POWERING_DOWN ({@code idle%}) to POWERED_DOWN ({@code idle~})
 * @param resumeTimeout     POWERING_UP ({@code alloc#}) without registration before {@code down~} and ResumeFailProgram
 * @param powerSaveInterval how often slurmctld's power-save pass runs (power_save_interval)
 * @param snapshotInterval  how often the head-node agent posts a SlurmSnapshot
 * @param commandPollWait   the agent's long-poll wait on the commands queue
 * @param requeueDelay      how long a requeued job waits before it is eligible again (BeginTime; P7)
 */
public record SimSettings(int resumeRate, int suspendRate, Duration suspendTime, Duration suspendTimeout,
                          Duration resumeTimeout, Duration powerSaveInterval, Duration snapshotInterval,
                          Duration commandPollWait, Duration requeueDelay) {

    public SimSettings {
        if (resumeRate < 1 || suspendRate < 1) {
            throw new IllegalArgumentException("ResumeRate and SuspendRate must be >= 1 here (0 means unlimited in Slurm; "
                    + "map it to a number), got " + resumeRate + " / " + suspendRate);
        }
        if (commandPollWait.toSeconds() < 1 || commandPollWait.toSeconds() > 20) {
            throw new IllegalArgumentException("commandPollWait must be 1..20 s (SQS long poll), got " + commandPollWait);
        }
    }

    /** Slurm's values from {@code SlurmConf} (Slurm defaults when absent), every duration divided by {@code speedUp}. */
    public static SimSettings from(PluginConfig plugin, double speedUp) {
        if (speedUp <= 0) {
            throw new IllegalArgumentException("speedUp must be > 0, got " + speedUp);
        }
        int resumeRate = rate(plugin.intSetting("ResumeRate", 300));
        int suspendRate = rate(plugin.intSetting("SuspendRate", 60));
        return new SimSettings(resumeRate, suspendRate,
                scaled(plugin.intSetting("SuspendTime", 600), speedUp),
                scaled(plugin.intSetting("SuspendTimeout", 30), speedUp),
                scaled(plugin.resumeTimeoutSeconds(), speedUp),
                scaled(10, speedUp), Duration.ofSeconds(60), Duration.ofSeconds(20), scaled(121, speedUp));
    }

    public SimSettings withPowerSaveInterval(Duration d) {
        return new SimSettings(resumeRate, suspendRate, suspendTime, suspendTimeout, resumeTimeout, d,
                snapshotInterval, commandPollWait, requeueDelay);
    }

    public SimSettings withSnapshotInterval(Duration d) {
        return new SimSettings(resumeRate, suspendRate, suspendTime, suspendTimeout, resumeTimeout, powerSaveInterval,
                d, commandPollWait, requeueDelay);
    }

    public SimSettings withCommandPollWait(Duration d) {
        return new SimSettings(resumeRate, suspendRate, suspendTime, suspendTimeout, resumeTimeout, powerSaveInterval,
                snapshotInterval, d, requeueDelay);
    }

    public SimSettings withSuspendTime(Duration d) {
        return new SimSettings(resumeRate, suspendRate, d, suspendTimeout, resumeTimeout, powerSaveInterval,
                snapshotInterval, commandPollWait, requeueDelay);
    }

    private static int rate(int configured) {
        return configured <= 0 ? 100_000 : configured; // 0 = unlimited in Slurm
    }

    private static Duration scaled(int seconds, double speedUp) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000 / speedUp)));
    }
}
