package dev.spotburst.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** What the agent reports after applying a command. Schema: {@code schemas/command-result.v1.json}. */
public record CommandResult(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("commandId") String commandId,
        @JsonProperty("appliedAt") Instant appliedAt,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("detail") String detail) {

    public static final int SCHEMA_VERSION = 1;

    public CommandResult {
        Require.schema("command result", schemaVersion, SCHEMA_VERSION);
        Require.text("commandId", commandId);
        Require.present("appliedAt", appliedAt);
        Require.present("outcome", outcome);
    }

    public enum Outcome {
        /** scontrol accepted the change. */
        APPLIED,
        /** Slurm already was in the wanted state; nothing to do. */
        ALREADY_DONE,
        /** scontrol refused; {@code detail} holds its error text. */
        FAILED
    }
}
