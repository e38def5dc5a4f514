package dev.spotburst.localruntime;

import java.util.List;
import java.util.Map;

/**
 * What the local EventBridge rules did so far: EC2 events handed to the EC2-events function (received, handled,
 * retried, dead-lettered after the last retry, results by action) and hibernation workflow executions.
 */
public record EventRouting(long ec2EventsReceived, long ec2EventsHandled, long ec2EventRetries,
                           long ec2EventsDeadLettered, Map<String, Long> ec2EventResults, long workflowsStarted,
                           long workflowsRejected, int workflowsInFlight, List<WorkflowExecution> workflows) {
    public EventRouting {
        ec2EventResults = Map.copyOf(ec2EventResults);
        workflows = List.copyOf(workflows);
    }
}
