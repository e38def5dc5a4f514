package dev.spotburst.shims.agent;

import dev.spotburst.messages.SlurmCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact scontrol arguments for each command (after the {@code scontrol} binary). Arguments are passed as an argv
 * array, never through a shell, so reasons with spaces stay one argument ({@code Reason=spot interruption}).
 */
public final class ScontrolArgv {

    private ScontrolArgv() {
    }

    public static List<String> of(SlurmCommand command) {
        return switch (command) {
            case SlurmCommand.NodeDown c -> List.of("update", "NodeName=" + c.nodes(), "State=DOWN", "Reason=" + c.reason());
            case SlurmCommand.NodeDrain c -> List.of("update", "NodeName=" + c.nodes(), "State=DRAIN", "Reason=" + c.reason());
            case SlurmCommand.NodeResume c -> List.of("update", "NodeName=" + c.nodes(), "State=RESUME");
            case SlurmCommand.NodePowerDown c -> {
                List<String> argv = new ArrayList<>(List.of("update", "NodeName=" + c.nodes(), "State=" + c.mode().name()));
                if (c.reason() != null && !c.reason().isBlank()) {
                    argv.add("Reason=" + c.reason());
                }
                yield List.copyOf(argv);
            }
            // On idle~ slurmctld calls ResumeProgram (idle#); on a node already up it only logs "already powered up".
            case SlurmCommand.NodePowerUp c -> List.of("update", "NodeName=" + c.nodes(), "State=POWER_UP");
            // On idle~ this answers "Invalid node state specified" yet clears the reason (slurm-findings P6).
            case SlurmCommand.NodeClearReason c -> List.of("update", "NodeName=" + c.nodes(), "State=RESUME");
            case SlurmCommand.NodeAddress c -> List.of("update", "NodeName=" + c.node(), "NodeAddr=" + c.address(),
                    "NodeHostname=" + (c.hostname() == null || c.hostname().isBlank() ? c.node() : c.hostname()));
            // scontrol requeue has no reason argument; the control plane records it with job-admin-comment.
            case SlurmCommand.JobRequeue c -> List.of("requeue", Long.toString(c.jobId()));
            case SlurmCommand.JobNotify c -> List.of("notify", Long.toString(c.jobId()), c.message());
            case SlurmCommand.JobAdminComment c -> List.of("update", "JobId=" + c.jobId(), "AdminComment=" + c.comment());
            case SlurmCommand.JobSuspend c -> List.of("suspend", Long.toString(c.jobId()));
            case SlurmCommand.JobResume c -> List.of("resume", Long.toString(c.jobId()));
        };
    }

    /** The node hostlist a command targets, or null for job commands (used to re-check state after an error). */
    public static String nodesOf(SlurmCommand command) {
        return switch (command) {
            case SlurmCommand.NodeDown c -> c.nodes();
            case SlurmCommand.NodeDrain c -> c.nodes();
            case SlurmCommand.NodeResume c -> c.nodes();
            case SlurmCommand.NodePowerDown c -> c.nodes();
            case SlurmCommand.NodePowerUp c -> c.nodes();
            case SlurmCommand.NodeClearReason c -> c.nodes();
            case SlurmCommand.NodeAddress c -> c.node();
            case SlurmCommand.JobRequeue c -> null;
            case SlurmCommand.JobNotify c -> null;
            case SlurmCommand.JobAdminComment c -> null;
            case SlurmCommand.JobSuspend c -> null;
            case SlurmCommand.JobResume c -> null;
        };
    }
}
