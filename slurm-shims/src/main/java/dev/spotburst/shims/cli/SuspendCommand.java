package dev.spotburst.shims.cli;

import dev.spotburst.messages.PowerSaveRequest;
import picocli.CommandLine.Command;

/** {@code spotburst suspend HOSTLIST}: Slurm's power-save hook (the small jar runs the same code faster). */
@Command(name = "suspend", mixinStandardHelpOptions = true,
        description = {"SuspendProgram: publish a suspend request for HOSTLIST and return at once.",
                "The request is spooled first; when SQS cannot be reached it stays spooled for the agent and the exit code is still 0."})
public final class SuspendCommand extends HookCommand {
    @Override
    PowerSaveRequest.Kind kind() {
        return PowerSaveRequest.Kind.SUSPEND;
    }
}
