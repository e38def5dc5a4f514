package dev.spotburst.functions.reliability;

import dev.spotburst.functions.requests.DeadLetters;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.messages.CommandMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands FIFO queue to Slurm's agent, recorded; a send can crash before (nothing queued) or after (queued,
 * caller sees a failure). Also the requests DLQ (no message of these schedules is poison, so it must stay empty).
 */
final class RecordingCommands implements SlurmCommands, DeadLetters {
    final List<CommandMessage> sent = new ArrayList<>();
    final java.util.Map<String, String> parked = new java.util.LinkedHashMap<>();
    private final Faults faults;

    RecordingCommands(Faults faults) {
        this.faults = faults;
    }

    @Override
    public synchronized void send(List<CommandMessage> commands) {
        faults.check(Fault.Target.SLURM, "send", Fault.Phase.BEFORE);
        sent.addAll(commands);
        faults.check(Fault.Target.SLURM, "send", Fault.Phase.AFTER);
    }

    @Override
    public synchronized void park(QueuedMessage message, String reason) {
        parked.put(message.messageId(), reason);
    }

    Map<String, String> parked() {
        return parked;
    }
}
