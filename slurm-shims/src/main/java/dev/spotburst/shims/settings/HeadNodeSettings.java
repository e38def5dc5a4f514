package dev.spotburst.shims.settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the shims and the agent need on the head node, from one file ({@code /etc/spotburst/head-node.json}).
 * Built only by {@link SettingsLoader}, which names the field and value of anything wrong.
 *
 * @param cluster              cluster name, put on every request (FIFO message group)
 * @param region               AWS region of the queues; set explicitly so the SDK does not probe for it
 * @param requestsQueueUrl     FIFO queue the shims publish power-save requests to
 * @param commandsQueueUrl     FIFO queue the agent receives Slurm commands from
 * @param commandsDlqUrl       where the agent puts commands it cannot parse (may be null: then they are only logged)
 * @param reportsQueueUrl      standard queue for command results and Slurm snapshots
 * @param spoolDir             durable spool of requests not yet sent
 * @param slurmConf            slurm.conf of the cluster; exported as SLURM_CONF to every Slurm client
 * @param slurmBinPath         folder holding scontrol
 * @param snapshotInterval     longest gap between two SlurmSnapshots (heartbeat); changes are posted sooner
 * @param logFile              where the shims append their log lines (Slurm drops their stderr)
 */
public record HeadNodeSettings(
        String cluster,
        String region,
        String requestsQueueUrl,
        String commandsQueueUrl,
        String commandsDlqUrl,
        String reportsQueueUrl,
        Path spoolDir,
        Path slurmConf,
        Path slurmBinPath,
        Duration snapshotInterval,
        Path logFile) {

    public static final Path DEFAULT_FILE = Path.of("/etc/spotburst/head-node.json");
    public static final Path DEFAULT_SPOOL = Path.of("/var/spool/spotburst");
    public static final Path DEFAULT_SLURM_CONF = Path.of("/etc/slurm/slurm.conf");
    public static final Path DEFAULT_SLURM_BIN = Path.of("/usr/bin");
    public static final Path DEFAULT_LOG = Path.of("/var/log/spotburst/shims.log");
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(180);

    public Path scontrol() {
        return slurmBinPath.resolve("scontrol");
    }
}
