package dev.spotburst.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Envelope of one command to the head-node agent. {@code id} is derived from what caused the command
 * (e.g. node + transition), so a retried Lambda sends the same id and the agent applies it once.
 * Schema: {@code schemas/slurm-command.v1.json}.
 */
public record CommandMessage(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("issuedAt") Instant issuedAt,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("command") SlurmCommand command) {

    public static final int SCHEMA_VERSION = 1;

    public CommandMessage {
        Require.schema("command message", schemaVersion, SCHEMA_VERSION);
        Require.text("id", id);
        Require.present("issuedAt", issuedAt);
        Require.present("command", command);
    }

    public static CommandMessage of(String id, Instant issuedAt, String cluster, SlurmCommand command) {
        return new CommandMessage(SCHEMA_VERSION, id, issuedAt, cluster, command);
    }
}
