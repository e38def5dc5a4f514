package dev.spotburst.ec2emu.core;

import java.time.Instant;

/** One DescribeFleetHistory entry: eventType is instance-change, fleet-change or service-error. */
public record FleetHistoryRecord(Instant timestamp, String eventType, String eventSubType, String instanceId,
                                 String description) {
}
