package dev.spotburst.localruntime.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.spotburst.json.Json;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code spotburst demo --scenario interruptions}. {@code ok} holds when the interruptions were
 * injected, no instance leaked and no job was lost (every job completed, requeued or not). Counters come from the control plane's own state table
 * ({@code Counters}); job figures from the simulated Slurm (a job "survived" a hibernation when its output paused and
 * resumed and it completed without a restart).
 *
 * @param injected         what the scenario did through the emulator's control API (interrupt, interrupt_pool, …)
 * @param longestGapMillis the longest pause in any job's output
 * @param rescue           whether the rescue (MaxHibernationMinutes) could be shown, and why not
 * @param workflowOutcomes hibernation workflow executions by end state
 * @param nodes            every node that held a job when the interruptions began, before and after
 */
@JsonPropertyOrder(alphabetic = false)
public record InterruptionSummary(
        @JsonProperty("scenario") String scenario,
        @JsonProperty("duration_s") double durationSeconds,
        @JsonProperty("ok") boolean ok,
        @JsonProperty("jobs_submitted") int jobsSubmitted,
        @JsonProperty("jobs_completed") int jobsCompleted,
        @JsonProperty("lost_jobs") int lostJobs,
        @JsonProperty("requeues") int requeues,
        @JsonProperty("interruptions") long interruptions,
        @JsonProperty("interruptions_requeued") long interruptionsRequeued,
        @JsonProperty("hibernations") long hibernations,
        @JsonProperty("hibernations_survived") long hibernationsSurvived,
        @JsonProperty("hibernations_lost") long hibernationsLost,
        @JsonProperty("rebalance_recommendations") long rebalances,
        @JsonProperty("jobs_survived_hibernation") int jobsSurvivedHibernation,
        @JsonProperty("longest_gap_ms") long longestGapMillis,
        @JsonProperty("injected") Map<String, Integer> injected,
        @JsonProperty("rescue") String rescue,
        @JsonProperty("ec2_events_handled") long ec2EventsHandled,
        @JsonProperty("ec2_events_dead_lettered") long ec2EventsDeadLettered,
        @JsonProperty("workflow_executions") int workflowExecutions,
        @JsonProperty("workflow_outcomes") Map<String, Integer> workflowOutcomes,
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
        @JsonProperty("handler_errors") long handlerErrors,
        @JsonProperty("nodes") List<NodeOutcome> nodes) implements DemoReport {

    /**
     * One node that ran a job when the interruptions began.
     *
     * @param behaviour       the group's interruption behaviour (hibernate / terminate)
     * @param instanceBefore  the instance slurmd ran on then, and its private IP
     * @param instanceAfter   the last instance seen under the same job on this node (null if the job left it)
     * @param instanceAtEnd   the state of {@code instanceBefore} at the end of the run
     */
    public record NodeOutcome(
            @JsonProperty("node") String node,
            @JsonProperty("behaviour") String behaviour,
            @JsonProperty("job") long job,
            @JsonProperty("interrupted") boolean interrupted,
            @JsonProperty("instance_before") String instanceBefore,
            @JsonProperty("ip_before") String ipBefore,
            @JsonProperty("instance_after") String instanceAfter,
            @JsonProperty("ip_after") String ipAfter,
            @JsonProperty("slurm_address_after") String slurmAddressAfter,
            @JsonProperty("instance_at_end") String instanceAtEnd,
            @JsonProperty("job_state") String jobState,
            @JsonProperty("job_restarts") int jobRestarts,
            @JsonProperty("job_pauses") int jobPauses,
            @JsonProperty("job_longest_gap_ms") long jobLongestGapMillis) {
    }


    public static InterruptionSummary fromJson(String json) {
        try {
            return Json.mapper().readValue(json, InterruptionSummary.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an interruptions summary: " + e.getMessage(), e);
        }
    }

    public String text() {
        var sb = new StringBuilder();
        sb.append(String.format("summary (%s, %.1f s): %s%n", scenario, durationSeconds, ok ? "OK" : "PROBLEMS"));
        sb.append(String.format("  jobs:          %d submitted, %d completed, %d lost, %d requeue(s)%n", jobsSubmitted,
                jobsCompleted, lostJobs, requeues));
        sb.append(String.format("  interruptions: %d warnings for our nodes, %d requeued (terminate), %d rebalance%n",
                interruptions, interruptionsRequeued, rebalances));
        sb.append(String.format("  hibernations:  %d begun, %d survived, %d lost; %d job(s) paused and completed "
                + "without restart, longest output gap %.1f s%n", hibernations, hibernationsSurvived, hibernationsLost,
                jobsSurvivedHibernation, longestGapMillis / 1000.0));
        sb.append(String.format("  injected:      %s; rescue: %s%n", injected, rescue));
        sb.append(String.format("  events:        %d EC2 events handled, %d dead-lettered; %d hibernation workflow(s): %s%n",
                ec2EventsHandled, ec2EventsDeadLettered, workflowExecutions, workflowOutcomes));
        sb.append(String.format("  nodes:         %d requested, %d ready, %d failed with reason, %d unaccounted%n",
                requested, ready, failed, unaccounted));
        sb.append(String.format("  EC2:           %d calls, %d mutating (%.2f per requested node): %s%n", ec2CallsTotal,
                mutatingEc2Calls, mutatingEc2CallsPerNode, ec2Calls));
        sb.append(String.format("  left behind:   %d orphan instance(s), %d live instance(s); handler errors %d%n",
                orphans, leftoverInstances, handlerErrors));
        return sb.toString();
    }
}
