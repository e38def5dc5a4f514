package dev.spotburst.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change Slurm must learn about, sent over the command queue to the head-node agent, which applies it with
 * {@code scontrol} (always with {@code SLURM_CONF} set). Every command is idempotent: applying it twice leaves
 * Slurm as applying it once. Node targets are hostlist expressions.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SlurmCommand.NodeDown.class, name = "node-down"),
        @JsonSubTypes.Type(value = SlurmCommand.NodeDrain.class, name = "node-drain"),
        @JsonSubTypes.Type(value = SlurmCommand.NodeResume.class, name = "node-resume"),
        @JsonSubTypes.Type(value = SlurmCommand.NodePowerDown.class, name = "node-power-down"),
        @JsonSubTypes.Type(value = SlurmCommand.NodePowerUp.class, name = "node-power-up"),
        @JsonSubTypes.Type(value = SlurmCommand.NodeClearReason.class, name = "node-clear-reason"),
        @JsonSubTypes.Type(value = SlurmCommand.NodeAddress.class, name = "node-address"),
        @JsonSubTypes.Type(value = SlurmCommand.JobRequeue.class, name = "job-requeue"),
        @JsonSubTypes.Type(value = SlurmCommand.JobNotify.class, name = "job-notify"),
        @JsonSubTypes.Type(value = SlurmCommand.JobAdminComment.class, name = "job-admin-comment"),
        @JsonSubTypes.Type(value = SlurmCommand.JobSuspend.class, name = "job-suspend"),
        @JsonSubTypes.Type(value = SlurmCommand.JobResume.class, name = "job-resume"),
})
public sealed interface SlurmCommand {

    /** {@code scontrol update NodeName=… State=DOWN Reason=…}: jobs on it requeue now, not after ResumeTimeout. */
    record NodeDown(@JsonProperty("nodes") String nodes, @JsonProperty("reason") String reason) implements SlurmCommand {
        public NodeDown {
            Require.text("nodes", nodes);
            Require.text("reason", reason);
        }
    }

    /** {@code State=DRAIN}: no new jobs; running jobs continue. */
    record NodeDrain(@JsonProperty("nodes") String nodes, @JsonProperty("reason") String reason) implements SlurmCommand {
        public NodeDrain {
            Require.text("nodes", nodes);
            Require.text("reason", reason);
        }
    }

    /** {@code State=RESUME}: undrain / fast path out of {@code down~}; also clears a stale reason on {@code idle~}. */
    record NodeResume(@JsonProperty("nodes") String nodes) implements SlurmCommand {
        public NodeResume {
            Require.text("nodes", nodes);
        }
    }

    /** {@code State=POWER_DOWN_FORCE|POWER_DOWN_ASAP|POWER_DOWN}: FORCE repairs every stuck state (slurm-findings §6). */
    record NodePowerDown(@JsonProperty("nodes") String nodes, @JsonProperty("mode") PowerDownMode mode,
                         @JsonProperty("reason") String reason) implements SlurmCommand {
        public NodePowerDown {
            Require.text("nodes", nodes);
            Require.present("mode", mode);
        }
    }

    /**
     * {@code State=POWER_UP}: on {@code idle~} slurmctld calls ResumeProgram itself ({@code idle#}), so a node is
     * launched through Slurm and registers as expected; on a node already up Slurm only logs "already powered up".
     * Unused, Slurm powers it down again after SuspendTime.
     */
    record NodePowerUp(@JsonProperty("nodes") String nodes) implements SlurmCommand {
        public NodePowerUp {
            Require.text("nodes", nodes);
        }
    }

    /** Clears a sticky reason left behind by power-down (slurm-findings P6). */
    record NodeClearReason(@JsonProperty("nodes") String nodes) implements SlurmCommand {
        public NodeClearReason {
            Require.text("nodes", nodes);
        }
    }

    /** {@code NodeAddr=… NodeHostname=…}, for an address that changed without slurmd re-registering. */
    record NodeAddress(@JsonProperty("node") String node, @JsonProperty("address") String address,
                       @JsonProperty("hostname") String hostname) implements SlurmCommand {
        public NodeAddress {
            Require.text("node", node);
            Require.text("address", address);
        }
    }

    record JobRequeue(@JsonProperty("jobId") long jobId, @JsonProperty("reason") String reason) implements SlurmCommand {
        public JobRequeue {
            Require.jobId("jobId", jobId);
        }
    }

    record JobNotify(@JsonProperty("jobId") long jobId, @JsonProperty("message") String message) implements SlurmCommand {
        public JobNotify {
            Require.jobId("jobId", jobId);
            Require.text("message", message);
        }
    }

    record JobAdminComment(@JsonProperty("jobId") long jobId, @JsonProperty("comment") String comment)
            implements SlurmCommand {
        public JobAdminComment {
            Require.jobId("jobId", jobId);
            Require.text("comment", comment);
        }
    }

    record JobSuspend(@JsonProperty("jobId") long jobId) implements SlurmCommand {
        public JobSuspend {
            Require.jobId("jobId", jobId);
        }
    }

    record JobResume(@JsonProperty("jobId") long jobId) implements SlurmCommand {
        public JobResume {
            Require.jobId("jobId", jobId);
        }
    }

    enum PowerDownMode {
        POWER_DOWN, POWER_DOWN_ASAP, POWER_DOWN_FORCE
    }
}
