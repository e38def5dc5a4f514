package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;

import java.time.Clock;
import java.util.List;

/** Applies one command with scontrol and judges the answer. Re-applying a command is harmless by construction. */
public final class CommandApplier {

    private final Scontrol scontrol;
    private final Clock clock;

    public CommandApplier(Scontrol scontrol, Clock clock) {
        this.scontrol = scontrol;
        this.clock = clock;
    }

    public CommandResult apply(CommandMessage message) {
        SlurmCommand command = message.command();
        ProcessResult result = scontrol.run(ScontrolArgv.of(command));
        List<SlurmSnapshot.Node> after = null;
        if (ScontrolOutcomes.needsNodeCheck(command, result)) {
            ProcessResult show = scontrol.run(List.of("-o", "show", "node", ScontrolArgv.nodesOf(command)));
            if (show.succeeded()) {
                after = ShowNodesParser.nodes(show.stdout());
            }
        }
        ScontrolOutcomes.Judgement j = ScontrolOutcomes.judge(command, result, after);
        return new CommandResult(CommandResult.SCHEMA_VERSION, message.id(), clock.instant(), j.outcome(), j.detail());
    }
}
