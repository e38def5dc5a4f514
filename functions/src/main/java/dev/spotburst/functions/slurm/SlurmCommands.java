package dev.spotburst.functions.slurm;

import dev.spotburst.messages.CommandMessage;

import java.util.List;

/** Port: tells Slurm (through the head-node agent) what changed. Ids are deterministic, so re-sends dedupe. */
public interface SlurmCommands {
    void send(List<CommandMessage> commands);
}
