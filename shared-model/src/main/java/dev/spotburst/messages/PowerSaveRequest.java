package dev.spotburst.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;

/**
 * What a head-node shim publishes for one call of ResumeProgram, SuspendProgram or ResumeFailProgram.
 * {@code id} is unique per call and stays the same across re-sends (spool, retries), so the control plane
 * can drop duplicates. {@code jobs} comes from {@code SLURM_RESUME_FILE} when Slurm provides it.
 * Schema: {@code schemas/power-save-request.v1.json}.
 */
public record PowerSaveRequest(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("id") String id,
        @JsonProperty("kind") Kind kind,
        @JsonProperty("hostlist") String hostlist,
        @JsonProperty("issuedAt") Instant issuedAt,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("jobs") List<JobNodes> jobs) {

    public static final int SCHEMA_VERSION = 1;

    public PowerSaveRequest {
        Require.schema("power-save request", schemaVersion, SCHEMA_VERSION);
        Require.text("id", id);
        Require.present("kind", kind);
        Require.text("hostlist", hostlist);
        Require.present("issuedAt", issuedAt);
        jobs = Require.listOrEmpty(jobs);
    }

    public static PowerSaveRequest of(String id, Kind kind, String hostlist, Instant issuedAt, String cluster,
                                      List<JobNodes> jobs) {
        return new PowerSaveRequest(SCHEMA_VERSION, id, kind, hostlist, issuedAt, cluster, jobs);
    }

    /** Which Slurm power-save hook produced the request. */
    public enum Kind {
        RESUME("resume"),
        SUSPEND("suspend"),
        RESUME_FAIL("resume-fail");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        @JsonCreator
        public static Kind fromWire(String s) {
            for (var k : values()) {
                if (k.wire.equals(s)) {
                    return k;
                }
            }
            throw new MessageFormatException("field 'kind' must be resume, suspend or resume-fail, got "
                    + Require.quote(s));
        }
    }

    /** One job and the nodes Slurm is resuming for it (both 22.05 and 23.02+ resume-file layouts map here). */
    public record JobNodes(@JsonProperty("jobId") long jobId, @JsonProperty("nodes") String nodes) {
        public JobNodes {
            Require.jobId("jobs[].jobId", jobId);
            Require.text("jobs[].nodes", nodes);
        }
    }
}
