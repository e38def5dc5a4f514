package dev.spotburst.localruntime.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.spotburst.json.Json;

import java.util.Map;

/**
 * The outcome of a demo run, as {@code spotburst demo --json} prints it. {@code ok} holds when nothing leaked and
 * nothing was lost: no orphan instance, every job completed, every requested node either became ready or failed
 * with a reason Slurm was given.
 *
 * @param requested             nodes Slurm called ResumeProgram for
 * @param ready                 of those, nodes whose slurmd registered
 * @param failed                of those, nodes set DOWN with a reason (EC2 error code or ResumeTimeout) that never registered
 * @param unaccounted           requested nodes neither ready nor failed-with-reason (should be 0)
 * @param orphans               live instances at the end that no node record owns
 * @param leftoverInstances     live instances at the end, owned or not
 * @param ec2Calls              EC2 API calls by action, from the emulator's own counters
 * @param launchRequestLatency  SQS SentTimestamp of the resume request → launch request handed to the HTTP client
 */
@JsonPropertyOrder(alphabetic = false)
public record DemoSummary(
        @JsonProperty("scenario") String scenario,
        @JsonProperty("duration_s") double durationSeconds,
        @JsonProperty("ok") boolean ok,
        @JsonProperty("jobs_submitted") int jobsSubmitted,
        @JsonProperty("jobs_completed") int jobsCompleted,
        @JsonProperty("jobs_lost") int jobsLost,
        @JsonProperty("requeues") int requeues,
        @JsonProperty("requested") int requested,
        @JsonProperty("ready") int ready,
        @JsonProperty("failed") int failed,
        @JsonProperty("unaccounted") int unaccounted,
        @JsonProperty("failure_reasons") Map<String, Integer> failureReasons,
        @JsonProperty("orphans") int orphans,
        @JsonProperty("leftover_instances") int leftoverInstances,
        @JsonProperty("ec2_calls") Map<String, Long> ec2Calls,
        @JsonProperty("ec2_calls_total") long ec2CallsTotal,
        @JsonProperty("mutating_ec2_calls") long mutatingEc2Calls,
        @JsonProperty("mutating_ec2_calls_per_node") double mutatingEc2CallsPerNode,
        @JsonProperty("launch_request_latency_ms") Percentiles launchRequestLatency,
        @JsonProperty("latency_method") String latencyMethod,
        @JsonProperty("commands_applied") long commandsApplied,
        @JsonProperty("handler_errors") long handlerErrors) implements DemoReport {


    public static DemoSummary fromJson(String json) {
        try {
            return Json.mapper().readValue(json, DemoSummary.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a demo summary: " + e.getMessage(), e);
        }
    }

    /** The closing lines of the human-readable timeline. */
    public String text() {
        var sb = new StringBuilder();
        sb.append(String.format("summary (%s, %.1f s): %s%n", scenario, durationSeconds, ok ? "OK" : "PROBLEMS"));
        sb.append(String.format("  jobs:   %d submitted, %d completed, %d lost, %d requeue(s)%n", jobsSubmitted,
                jobsCompleted, jobsLost, requeues));
        sb.append(String.format("  nodes:  %d requested, %d ready, %d failed with reason, %d unaccounted%n", requested,
                ready, failed, unaccounted));
        failureReasons.forEach((r, n) -> sb.append(String.format("          %d × %s%n", n, r)));
        sb.append(String.format("  EC2:    %d calls, %d mutating (%.2f per requested node): %s%n", ec2CallsTotal,
                mutatingEc2Calls, mutatingEc2CallsPerNode, ec2Calls));
        sb.append(String.format("  launch request latency: p50 %d ms, p99 %d ms, max %d ms over %d node launches%n",
                launchRequestLatency.p50(), launchRequestLatency.p99(), launchRequestLatency.max(),
                launchRequestLatency.count()));
        sb.append(String.format("  left behind: %d orphan instance(s), %d live instance(s); handler errors %d%n",
                orphans, leftoverInstances, handlerErrors));
        return sb.toString();
    }
}
