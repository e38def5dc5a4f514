package dev.spotburst.functions.fakes;

import dev.spotburst.functions.requests.DeadLetters;
import dev.spotburst.functions.requests.QueuedMessage;
import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.messages.CommandMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records commands to Slurm and parked poison messages. */
public final class RecordingSlurm implements SlurmCommands, DeadLetters {
    public final List<CommandMessage> commands = new ArrayList<>();
    public final Map<String, String> parked = new LinkedHashMap<>();

    @Override
    public void send(List<CommandMessage> c) {
        commands.addAll(c);
    }

    @Override
    public void park(QueuedMessage message, String reason) {
        parked.put(message.messageId(), reason);
    }
}
