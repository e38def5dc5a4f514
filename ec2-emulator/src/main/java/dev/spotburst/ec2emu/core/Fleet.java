package dev.spotburst.ec2emu.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An EC2 Fleet; fields guarded by the {@link World} lock. */
public final class Fleet {
    public String id;
    public String type;                         // instant | request | maintain
    public String state = "submitted";          // submitted | active | modifying | deleted | deleted_running | deleted_terminating
    public String activityStatus;               // pending_fulfillment | fulfilled | error
    public String clientToken;
    public Instant createTime;
    public List<FleetOverride> pools = new ArrayList<>();
    public int totalTarget;
    public int onDemandTarget;
    public int spotTarget;
    public String defaultTargetCapacityType = "on-demand";
    public String spotAllocationStrategy = "lowest-price";
    public String onDemandAllocationStrategy = "lowest-price";
    public String interruptionBehavior = "terminate";
    public Integer spotMinTargetCapacity;
    public Integer onDemandMinTargetCapacity;
    public boolean singleInstanceType;
    public boolean singleAvailabilityZone;
    public String excessCapacityTerminationPolicy;
    public boolean terminateInstancesWithExpiration;
    public boolean replaceUnhealthyInstances;
    /** Every instance this fleet ever launched, in launch order. */
    public List<String> instanceIds = new ArrayList<>();
    /** Tags from TagSpecification resource type {@code instance}. */
    public java.util.Map<String, String> instanceTags = new java.util.LinkedHashMap<>();
    /** Instant fleets: the synchronous result, echoed by DescribeFleets. */
    public FleetLaunchResult instantResult;
    public List<FleetHistoryRecord> history = new ArrayList<>();
    /** A request fleet stops trying once its target was reached once. */
    public boolean everFulfilled;
    /** Last service-error already reported, so a pool that stays empty is not reported on every tick. */
    public String lastErrorReported;

    public boolean deleted() {
        return state.startsWith("deleted");
    }

    /** Spot units wanted: SpotTargetCapacity, plus the remainder when the default capacity type is spot. */
    public int spotUnitsWanted() {
        int rest = Math.max(0, totalTarget - onDemandTarget - spotTarget);
        return spotTarget + ("spot".equals(defaultTargetCapacityType) ? rest : 0);
    }

    public int onDemandUnitsWanted() {
        int rest = Math.max(0, totalTarget - onDemandTarget - spotTarget);
        return onDemandTarget + ("spot".equals(defaultTargetCapacityType) ? 0 : rest);
    }
}
