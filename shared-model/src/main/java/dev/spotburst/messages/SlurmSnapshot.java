package dev.spotburst.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Slurm's own view of the cloud nodes, posted periodically by the agent so the reconciler can repair what Slurm
 * got stuck on ({@code down~}, {@code idle#}, {@code down*}). Schema: {@code schemas/slurm-snapshot.v1.json}.
 */
public record SlurmSnapshot(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("takenAt") Instant takenAt,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("nodes") List<Node> nodes) {

    public static final int SCHEMA_VERSION = 1;

    public SlurmSnapshot {
        Require.schema("slurm snapshot", schemaVersion, SCHEMA_VERSION);
        Require.present("takenAt", takenAt);
        nodes = Require.listOrEmpty(nodes);
    }

    /**
     * One node: base state ({@code IDLE}, {@code ALLOCATED}, {@code MIXED}, {@code DOWN}, …) plus flags
     * ({@code CLOUD}, {@code POWERED_DOWN}, {@code POWERING_UP}, {@code POWERING_DOWN}, {@code NOT_RESPONDING},
     * {@code DRAIN}, …), as {@code scontrol show nodes} prints {@code State=IDLE+CLOUD+POWERED_DOWN}.
     */
    public record Node(@JsonProperty("name") String name,
                       @JsonProperty("state") String state,
                       @JsonProperty("flags") Set<String> flags,
                       @JsonProperty("reason") String reason,
                       @JsonProperty("address") String address,
                       @JsonProperty("jobs") List<Long> jobs) {
        public Node {
            Require.text("nodes[].name", name);
            Require.text("nodes[].state", state);
            flags = flags == null ? Set.of() : Set.copyOf(flags);
            jobs = Require.listOrEmpty(jobs);
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }
    }
}
