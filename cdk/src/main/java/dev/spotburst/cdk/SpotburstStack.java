package dev.spotburst.cdk;

import dev.spotburst.cdk.cleanup.StackCleanup;
import dev.spotburst.cdk.events.EventRules;
import dev.spotburst.cdk.functions.ControlFunctions;
import dev.spotburst.cdk.functions.Handler;
import dev.spotburst.cdk.functions.HandlerFunction;
import dev.spotburst.cdk.iam.ClusterArns;
import dev.spotburst.cdk.iam.ComputeNodeIdentity;
import dev.spotburst.cdk.iam.Ec2ControlPolicy;
import dev.spotburst.cdk.iam.HeadNodeAccess;
import dev.spotburst.cdk.messaging.ControlQueues;
import dev.spotburst.cdk.messaging.QueueWithDeadLetter;
import dev.spotburst.cdk.nodes.BootstrapSettings;
import dev.spotburst.cdk.nodes.LaunchTemplateCheck;
import dev.spotburst.cdk.nodes.NodeLaunchTemplates;
import dev.spotburst.cdk.observability.AlarmTopic;
import dev.spotburst.cdk.observability.LogsKey;
import dev.spotburst.cdk.observability.Monitoring;
import dev.spotburst.cdk.state.StateTable;
import dev.spotburst.cdk.workflows.Workflows;
import dev.spotburst.config.NodeGroupConfig;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The spotburst control plane for one cluster. Composition only: each concern is its own construct.
 * Environment-agnostic (no lookups), so {@code cdk synth} needs no AWS credentials.
 */
public final class SpotburstStack extends Stack {

    /** CloudFormation output values are limited to 4 KiB; larger fragments are only written to a file. */
    public static final int MAX_OUTPUT_CHARS = 4096;

    private final ControlQueues queues;
    private final ControlFunctions functions;
    private final StackCleanup cleanup;
    private final EventRules rules;
    private final Workflows workflows;
    private final Optional<LaunchTemplateCheck> launchTemplateCheck;

    public SpotburstStack(Construct scope, String id, StackProps stackProps, SpotburstStackProps props) {
        super(scope, id, stackProps);
        String cluster = props.config().clusterName();
        var names = new ClusterNames(cluster);
        var options = props.options();
        Tags.of(this).add(ClusterNames.CLUSTER_TAG, cluster);

        Key logKey = LogsKey.create(this, cluster);
        var arns = new ClusterArns(props.config().nodeGroups().map(NodeGroupConfig::region).toList());
        Code code = Code.fromAsset(props.lambdaJar().toString());
        LayerVersion configLayer = LayerVersion.Builder.create(this, "ConfigLayer")
                .description("spotburst " + cluster + " partitions.json and config.json under /opt/spotburst")
                .code(Code.fromAsset(props.configLayerDir().toString()))
                .compatibleRuntimes(List.of(Runtime.JAVA_25))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build();

        var table = new StateTable(this, "State", new StateTable.Props(cluster + "-state", options.tableDeletionProtection()));
        var compute = new ComputeNodeIdentity(this, "ComputeNodes", new ComputeNodeIdentity.Props(cluster, table.table()));
        queues = new ControlQueues(this, "Queues", new ControlQueues.Props(cluster, Duration.seconds(60)));
        var ec2Control = new Ec2ControlPolicy(this, "Ec2Control", new Ec2ControlPolicy.Props(cluster, arns,
                subnetsByRegion(props), compute.role().getRoleArn()));
        List<String> workflowNames = props.stateMachines().stream().map(Workflows::workflowName).toList();
        functions = new ControlFunctions(this, "Functions", new ControlFunctions.Props(names, code, configLayer,
                table.table(), queues, workflowNames, ec2Control.policy(), logKey, options.requestsConcurrency()));
        workflows = new Workflows(this, "Workflows", new Workflows.Props(names, props.stateMachines(),
                functions.get(Handler.WORKFLOW_TASKS).alias(), logKey));
        rules = new EventRules(this, "Events", new EventRules.Props(names,
                functions.get(Handler.EC2_EVENTS).alias(), functions.get(Handler.RECONCILE).alias(),
                props.config().plugin().spotburst().reconcileIntervalSeconds(), workflows.machines()));

        List<String> launchFunctionNames = ControlFunctions.LAUNCH_PATHS.stream()
                .map(h -> names.function(h.nameSuffix())).sorted().toList();
        cleanup = new StackCleanup(this, "Cleanup", new StackCleanup.Props(names, code, configLayer,
                functions.environment(), logKey, arns, rules.ruleNameSuffixes(), launchFunctionNames,
                Duration.seconds(Handler.WORKFLOW_TASKS.timeout().toSeconds().intValue() + 60)));
        orderCleanupLast();

        var headNode = new HeadNodeAccess(this, "HeadNode", new HeadNodeAccess.Props(cluster, queues.requests(),
                queues.commands(), queues.reports(), options.headNodeRoleArn()));
        Optional<ISecurityGroup> computeSg = computeSecurityGroup(cluster, options);
        var templates = new NodeLaunchTemplates(this, "LaunchTemplates", new NodeLaunchTemplates.Props(names,
                props.config(), compute.instanceProfile(), props.memoryMiB(), props.bootstrapScript(),
                new BootstrapSettings(table.table().getTableName(), getRegion()),
                options.amiId(), computeSg, options.osVolumeGiB(), options.rootDeviceName()));
        launchTemplateCheck = LaunchTemplateCheck.ifHibernating(this, "LaunchTemplateCheck",
                new LaunchTemplateCheck.Props(names, props.config(), code, configLayer, functions.environment(), logKey,
                        templates));
        launchTemplateCheck.ifPresent(this::launchOnlyAfterTheCheck);

        new Monitoring(this, "Monitoring", new Monitoring.Props(cluster, deadLetterQueues(), functionsByName(),
                functions.get(Handler.RECONCILE).function(), workflows.machines(),
                AlarmTopic.of(this, cluster, options.alarmTopicArn(), options.alarmEmail())));

        output("RequestsQueueUrl", queues.requests().getQueueUrl(), "Head node: power-save requests (FIFO)");
        output("CommandsQueueUrl", queues.commands().getQueueUrl(), "Head node agent: commands (FIFO)");
        output("ReportsQueueUrl", queues.reports().getQueueUrl(), "Head node agent: reports");
        output("TableName", table.table().getTableName(), "DynamoDB state table");
        output("HeadNodeRoleArn", headNode.role().getRoleArn(), "Role the head node runs with");
        headNode.instanceProfile().ifPresent(p ->
                output("HeadNodeInstanceProfileArn", p.getInstanceProfileArn(), "Head node instance profile"));
        output("ComputeRoleArn", compute.role().getRoleArn(), "Role of compute nodes");
        output("ComputeInstanceProfileArn", compute.instanceProfile().getInstanceProfileArn(),
                "Instance profile for compute nodes (use it in your own launch templates)");
        templates.created().forEach((group, lt) -> output("LaunchTemplate" + group.partition() + group.nodeGroup(),
                lt.getLaunchTemplateId(), "Launch template of node group " + group));
        output("SlurmConf", slurmConfOutput(props.slurmConf()),
                "slurm.conf fragment for the cloud nodes (also written to cdk.out/slurm.conf.spotburst)");
    }

    /**
     * Every path that can launch or touch capacity depends on the cleanup resource, so on stack delete CloudFormation
     * removes them first and the cleanup sweeps a cluster nothing can relaunch into (docs/cleanup.md).
     */
    private void orderCleanupLast() {
        ControlFunctions.LAUNCH_PATHS.forEach(h -> cleanup.mustBeDeletedBefore(functions.get(h)));
        cleanup.mustBeDeletedBefore(functions.get(Handler.SLURM_REPORTS));
        rules.all().forEach(cleanup::mustBeDeletedBefore);
        workflows.machines().values().forEach(cleanup::mustBeDeletedBefore);
    }

    /**
     * Every path that can launch depends on the launch template check, so CloudFormation creates or updates them
     * only after the hibernating groups' templates passed (docs/hibernation.md, "Launch template requirements").
     */
    private void launchOnlyAfterTheCheck(LaunchTemplateCheck check) {
        ControlFunctions.LAUNCH_PATHS.forEach(h -> check.mustSucceedBefore(functions.get(h)));
        rules.all().forEach(check::mustSucceedBefore);
        workflows.machines().values().forEach(check::mustSucceedBefore);
    }

    private static Map<String, List<String>> subnetsByRegion(SpotburstStackProps props) {
        return props.config().nodeGroups().collect(Collectors.groupingBy(NodeGroupConfig::region, TreeMap::new,
                Collectors.flatMapping(g -> g.subnetIds().stream(), Collectors.collectingAndThen(
                        Collectors.toCollection(java.util.TreeSet::new), List::copyOf))));
    }

    private Optional<ISecurityGroup> computeSecurityGroup(String cluster, DeploymentOptions options) {
        if (options.vpcId().isEmpty()) {
            return Optional.empty();
        }
        var sg = CfnSecurityGroup.Builder.create(this, "ComputeSecurityGroup")
                .groupDescription("spotburst " + cluster + " compute nodes")
                .vpcId(options.vpcId().get())
                .securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("-1").cidrIp("0.0.0.0/0").description("updates, AWS APIs, shared storage").build()))
                .build();
        // Nodes talk to each other (MPI, srun) and to the head node (slurmctld, slurmd).
        CfnSecurityGroupIngress.Builder.create(this, "ComputeFromCompute").groupId(sg.getAttrGroupId())
                .sourceSecurityGroupId(sg.getAttrGroupId()).ipProtocol("-1").description("node to node").build();
        options.headNodeSecurityGroupId().ifPresent(head -> {
            CfnSecurityGroupIngress.Builder.create(this, "ComputeFromHeadNode").groupId(sg.getAttrGroupId())
                    .sourceSecurityGroupId(head).ipProtocol("-1").description("head node to compute").build();
            CfnSecurityGroupIngress.Builder.create(this, "HeadNodeFromCompute").groupId(head)
                    .sourceSecurityGroupId(sg.getAttrGroupId()).ipProtocol("-1").description("compute to head node")
                    .build();
        });
        return Optional.of(SecurityGroup.fromSecurityGroupId(this, "ComputeSecurityGroupRef", sg.getAttrGroupId()));
    }

    private Map<String, IQueue> deadLetterQueues() {
        var m = new LinkedHashMap<String, IQueue>();
        var names = List.of("requests", "commands", "reports");
        List<QueueWithDeadLetter> all = queues.all();
        for (int i = 0; i < all.size(); i++) {
            m.put(names.get(i), all.get(i).deadLetterQueue());
        }
        m.put("events", rules.deadLetterQueue());
        return m;
    }

    private Map<String, IFunction> functionsByName() {
        var m = new LinkedHashMap<String, IFunction>();
        for (Map.Entry<Handler, HandlerFunction> e : new TreeMap<>(functions.all()).entrySet()) {
            m.put(e.getKey().nameSuffix(), e.getValue().function());
        }
        m.put(Handler.STACK_CLEANUP.nameSuffix(), cleanup.handler().function());
        return m;
    }

    static String slurmConfOutput(String slurmConf) {
        if (slurmConf.length() <= MAX_OUTPUT_CHARS) {
            return slurmConf;
        }
        return "(" + slurmConf.length() + " characters, more than a CloudFormation output holds: "
                + "see cdk.out/slurm.conf.spotburst)";
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public ControlQueues queues() {
        return queues;
    }

    public ControlFunctions functions() {
        return functions;
    }

    public StackCleanup cleanup() {
        return cleanup;
    }

    /** Present when a node group hibernates. */
    public Optional<LaunchTemplateCheck> launchTemplateCheck() {
        return launchTemplateCheck;
    }
}
