package dev.spotburst.cdk.functions;

import software.amazon.awscdk.Duration;

/**
 * The Lambda handlers in {@code functions-lambda.jar}, with the sizing each gets. Java on Lambda gets its CPU
 * from memory, so 1 GiB even for light handlers; SnapStart hides most of the JVM start.
 */
public enum Handler {
    POWER_SAVE_REQUESTS("PowerSaveRequestHandler", "power-save-requests", 1024, Duration.seconds(60),
            "Consumes Slurm resume/suspend requests (FIFO) and launches or releases capacity"),
    RECONCILE("ReconcileHandler", "reconcile", 1024, Duration.seconds(55),
            "Scheduled reconcile of wanted vs actual capacity; sweeps orphans"),
    EC2_EVENTS("Ec2EventHandler", "ec2-events", 1024, Duration.seconds(60),
            "Spot interruption warnings, rebalance recommendations and instance state changes"),
    SLURM_REPORTS("SlurmReportHandler", "slurm-reports", 1024, Duration.seconds(60),
            "Head-node agent command results and Slurm node snapshots"),
    WORKFLOW_TASKS("WorkflowTaskHandler", "workflow-tasks", 1024, Duration.seconds(120),
            "Lambda tasks of the Step Functions workflows"),
    STACK_CLEANUP("StackCleanupHandler", "stack-cleanup", 1024, Duration.seconds(300),
            "Custom resource: on stack delete, cancels Spot requests, deletes fleets, terminates instances"),
    LAUNCH_TEMPLATE_CHECK("LaunchTemplateCheckHandler", "launch-template-check", 1024, Duration.seconds(120),
            "Custom resource: at deploy, checks hibernating node groups' launch templates meet EC2's prerequisites");

    public static final String PACKAGE = "dev.spotburst.functions.handlers";

    private final String className;
    private final String nameSuffix;
    private final int memoryMiB;
    private final Duration timeout;
    private final String description;

    Handler(String className, String nameSuffix, int memoryMiB, Duration timeout, String description) {
        this.className = className;
        this.nameSuffix = nameSuffix;
        this.memoryMiB = memoryMiB;
        this.timeout = timeout;
        this.description = description;
    }

    public String handlerString() {
        return PACKAGE + "." + className + "::handleRequest";
    }

    public String nameSuffix() {
        return nameSuffix;
    }

    public int memoryMiB() {
        return memoryMiB;
    }

    public Duration timeout() {
        return timeout;
    }

    public String description() {
        return description;
    }
}
