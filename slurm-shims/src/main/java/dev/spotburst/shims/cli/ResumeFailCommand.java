package dev.spotburst.shims.cli;

import dev.spotburst.messages.PowerSaveRequest;
import picocli.CommandLine.Command;

/** {@code spotburst resume-fail HOSTLIST}: Slurm's power-save hook (the small jar runs the same code faster). */
@Command(name = "resume-fail", mixinStandardHelpOptions = true,
        description = {"ResumeFailProgram: report nodes that failed to resume.",
                "The request is spooled first; when SQS cannot be reached it stays spooled for the agent and the exit code is still 0."})
public final class ResumeFailCommand extends HookCommand {
    @Override
    PowerSaveRequest.Kind kind() {
        return PowerSaveRequest.Kind.RESUME_FAIL;
    }
}
