package dev.spotburst.messages;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One sample of every message and command type, with every optional field filled in. */
final class Samples {

    static final Instant T = Instant.parse("2026-11-22T10:15:30.123Z");

    private Samples() {
    }

    static List<SlurmCommand> commands() {
        return List.of(
                new SlurmCommand.NodeDown("aws-cpu-[0-3]", "spot interruption i-0abc"),
                new SlurmCommand.NodeDrain("aws-cpu-1", "rebalance recommendation"),
                new SlurmCommand.NodeResume("aws-cpu-[2,5]"),
                new SlurmCommand.NodePowerDown("aws-cpu-7", SlurmCommand.PowerDownMode.POWER_DOWN_FORCE, "instance gone"),
                new SlurmCommand.NodePowerUp("aws-cpu-[4-5]"),
                new SlurmCommand.NodeClearReason("aws-cpu-0"),
                new SlurmCommand.NodeAddress("aws-cpu-0", "10.0.3.17", "ip-10-0-3-17"),
                new SlurmCommand.JobRequeue(42, "node lost"),
                new SlurmCommand.JobNotify(42, "node hibernating, job paused"),
                new SlurmCommand.JobAdminComment(42, "spotburst: interrupted i-0abc"),
                new SlurmCommand.JobSuspend(42),
                new SlurmCommand.JobResume(42));
    }

    static CommandMessage command(SlurmCommand c) {
        return CommandMessage.of("cmd-" + c.getClass().getSimpleName(), T, "c1", c);
    }

    static PowerSaveRequest request(PowerSaveRequest.Kind kind) {
        return PowerSaveRequest.of("req-1", kind, "aws-cpu-[0-1]", T, "c1",
                List.of(new PowerSaveRequest.JobNodes(140814, "aws-cpu-[0-1]")));
    }

    static CommandResult result(CommandResult.Outcome outcome) {
        return new CommandResult(CommandResult.SCHEMA_VERSION, "cmd-1", T, outcome, "slurm_update error: Invalid node name");
    }

    static SlurmSnapshot snapshot() {
        return new SlurmSnapshot(SlurmSnapshot.SCHEMA_VERSION, T, "c1", List.of(
                new SlurmSnapshot.Node("aws-cpu-0", "IDLE", Set.of("CLOUD", "POWERED_DOWN"), "stale", "aws-cpu-0", List.of()),
                new SlurmSnapshot.Node("aws-cpu-1", "ALLOCATED", Set.of("CLOUD"), "none", "10.0.3.17", List.of(41L, 42L))));
    }
}
