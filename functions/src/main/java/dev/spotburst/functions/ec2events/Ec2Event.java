package dev.spotburst.functions.ec2events;

import java.time.Instant;

/**
 * The parts of an EventBridge EC2 event the control plane uses: {@code detail-type}, {@code detail.instance-id},
 * {@code detail.instance-action} (interruption warnings) and {@code detail.state} (state changes).
 */
public record Ec2Event(String id, String detailType, Instant time, String instanceId, String instanceAction,
                       String state) {
    public static final String INTERRUPTION_WARNING = "EC2 Spot Instance Interruption Warning";
    public static final String REBALANCE = "EC2 Instance Rebalance Recommendation";
    public static final String STATE_CHANGE = "EC2 Instance State-change Notification";
}
