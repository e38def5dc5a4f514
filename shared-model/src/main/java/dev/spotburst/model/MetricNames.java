package dev.spotburst.model;

import java.util.List;

/**
 * The CloudWatch metrics contract between the functions (which emit them as EMF) and the CDK monitoring (which alarms
 * and graphs them). One place, so the names an alarm queries are the names emitted: a metric emitted under another
 * name or another dimension set is a different CloudWatch metric, and the alarm on it never fires.
 */
public final class MetricNames {
    /** CloudWatch namespace of every custom metric ({@code POWERTOOLS_METRICS_NAMESPACE}). */
    public static final String NAMESPACE = "Spotburst";
    /** The one dimension every metric carries; its value is the cluster name. */
    public static final String SERVICE = "Service";

    /** Extra dimensions, only on metrics no alarm or dashboard widget queries by {@link #SERVICE} alone. */
    public static final String DIMENSION_MARKET = "Market";
    public static final String DIMENSION_API = "Api";
    public static final String DIMENSION_ERROR_CODE = "ErrorCode";
    public static final String DIMENSION_KIND = "Kind";

    /** Nodes Slurm asked to resume (ResumeProgram requests). */
    public static final String RESUMES_REQUESTED = "ResumesRequested";
    /** Instances EC2 returned, by {@code Market} (spot, on-demand) and {@code Api} (fleet, run-instances). */
    public static final String INSTANCES_LAUNCHED = "InstancesLaunched";
    /** Nodes whose resume failed (no capacity, launch error, group protected): sent DOWN with the reason. Alarmed. */
    public static final String LAUNCH_FAILURES = "LaunchFailures";
    /** Capacity errors EC2 reported for a pool, by {@code ErrorCode} (InsufficientInstanceCapacity, …). */
    public static final String CAPACITY_ERRORS = "CapacityErrors";
    /** Other launch errors EC2 reported, by {@code ErrorCode}. */
    public static final String LAUNCH_ERRORS = "LaunchErrors";
    /** Nodes of a Spot group for which On-Demand was tried because Spot could not supply them. */
    public static final String ON_DEMAND_FALLBACKS = "OnDemandFallbacks";
    /** Nodes the control plane told Slurm to set DOWN (jobs requeue). */
    public static final String NODES_DOWN = "NodesDown";
    /** Spot interruption warnings acted on (requeue or hibernation). */
    public static final String INTERRUPTIONS = "Interruptions";
    public static final String REBALANCE_RECOMMENDATIONS = "RebalanceRecommendations";
    public static final String HIBERNATIONS_STARTED = "HibernationsStarted";
    public static final String HIBERNATIONS_SURVIVED = "HibernationsSurvived";
    public static final String HIBERNATIONS_LOST = "HibernationsLost";
    public static final String RESCUES_DONE = "RescuesDone";
    public static final String RESCUES_FAILED = "RescuesFailed";
    /** Instances and Spot requests no node owns, past the orphan grace. Alarmed. */
    public static final String ORPHANS_FOUND = "OrphansFound";
    /** Orphans the sweep terminated or cancelled. */
    public static final String ORPHANS_SWEPT = "OrphansSwept";
    /** Wall time of one reconcile pass, milliseconds. */
    public static final String RECONCILE_DURATION = "ReconcileDuration";
    /** Reconcile actions planned, by {@code Kind} (Launch, MarkReady, FailLaunch, Sweep, …). */
    public static final String RECONCILE_ACTIONS = "ReconcileActions";
    /** Nodes stuck in Slurm (down~, drained~, powered on without an instance) the reconciler repaired. */
    public static final String STUCK_NODE_REPAIRS = "StuckNodeRepairs";
    /** Power-save request messages parked in the dead-letter queue as poison. */
    public static final String POISON_MESSAGES = "PoisonMessages";

    /** Metrics the CDK alarms on; they must be emitted with exactly the dimension set {@code [Service]}. */
    public static final List<String> ALARMED = List.of(ORPHANS_FOUND, LAUNCH_FAILURES);

    private MetricNames() {
    }
}
