package dev.spotburst.cdk.cleanup;

import dev.spotburst.cdk.ClusterNames;
import dev.spotburst.cdk.functions.Handler;
import dev.spotburst.cdk.functions.HandlerFunction;
import dev.spotburst.cdk.iam.ClusterArns;
import dev.spotburst.cdk.iam.Ec2ControlStatements;
import dev.spotburst.cdk.nag.NagResource;
import dev.spotburst.cdk.nag.ProviderFindings;
import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Custom::SpotburstCleanup}: on stack delete, stops every launch path and removes all capacity tagged
 * {@code spotburst:cluster=<cluster>} (Spot requests cancelled first so they cannot relaunch, then fleets deleted,
 * then instances terminated). Deleted <em>last</em>: every launch path depends on this resource
 * ({@link #mustBeDeletedBefore}), and CloudFormation deletes dependents before what they depend on.
 * See docs/cleanup.md for the whole graph.
 */
public final class StackCleanup extends Construct {

    public static final String RESOURCE_TYPE = "Custom::SpotburstCleanup";
    public static final Duration QUERY_INTERVAL = Duration.seconds(30);
    public static final Duration TOTAL_TIMEOUT = Duration.minutes(30);
    public static final List<String> DESCRIBE = List.of(
            "ec2:DescribeInstances", "ec2:DescribeSpotInstanceRequests", "ec2:DescribeFleets");
    public static final List<String> REMOVE = List.of(
            "ec2:CancelSpotInstanceRequests", "ec2:DeleteFleets", "ec2:TerminateInstances");

    /**
     * @param ruleSuffixes        EventBridge rules (by name) the handler disables first
     * @param launchFunctions     Lambda functions (by name) whose concurrency the handler sets to 0 first
     * @param settle              how long after the launch paths stop an in-flight invocation may still launch
     */
    public record Props(ClusterNames names, Code code, ILayerVersion configLayer, Map<String, String> environment,
                        IKey logKey, ClusterArns arns, List<String> ruleSuffixes, List<String> launchFunctions,
                        Duration settle) {
    }

    private final HandlerFunction handler;
    private final CustomResource resource;
    private final Provider provider;

    public StackCleanup(Construct scope, String id, Props props) {
        super(scope, id);
        handler = new HandlerFunction(this, "Handler", new HandlerFunction.Props(
                props.names().function(Handler.STACK_CLEANUP.nameSuffix()), Handler.STACK_CLEANUP, props.code(),
                List.of(props.configLayer()), props.environment(), null, props.logKey()));
        grant(props);
        LogGroup frameworkLogs = LogGroup.Builder.create(this, "ProviderLogs")
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(props.logKey())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        provider = Provider.Builder.create(this, "Provider")
                .onEventHandler(handler.alias())
                .isCompleteHandler(handler.alias())
                .queryInterval(QUERY_INTERVAL)
                .totalTimeout(TOTAL_TIMEOUT)
                .logGroup(frameworkLogs)
                .build();
        ProviderFindings.suppress(provider, "the cleanup handler alias", true);
        var properties = new LinkedHashMap<String, Object>();
        properties.put("ClusterName", props.names().cluster());
        properties.put("TagKey", ClusterNames.CLUSTER_TAG);
        properties.put("Regions", List.copyOf(props.arns().regions()));
        properties.put("RuleNames", props.ruleSuffixes().stream().map(props.names()::rule).toList());
        properties.put("LaunchFunctionNames", props.launchFunctions());
        properties.put("SettleSeconds", props.settle().toSeconds());
        properties.put("TotalTimeoutSeconds", TOTAL_TIMEOUT.toSeconds());
        resource = CustomResource.Builder.create(this, "Resource")
                .resourceType(RESOURCE_TYPE)
                .serviceToken(provider.getServiceToken())
                .properties(properties)
                .build();
    }

    private void grant(Props p) {
        var statements = new ArrayList<PolicyStatement>();
        statements.add(Ec2ControlStatements.describe(DESCRIBE));
        statements.add(PolicyStatement.Builder.create().sid("RemoveOnlyClusterCapacity")
                .actions(REMOVE)
                .resources(Ec2ControlStatements.taggedResources(p.arns()))
                .conditions(Ec2ControlStatements.clusterResourceTag(p.names().cluster()))
                .build());
        statements.add(PolicyStatement.Builder.create().sid("DisableLaunchRules")
                .actions(List.of("events:DisableRule"))
                .resources(p.ruleSuffixes().stream().map(p.names()::ruleArn).toList())
                .build());
        statements.add(PolicyStatement.Builder.create().sid("ThrottleLaunchFunctions")
                .actions(List.of("lambda:PutFunctionConcurrency"))
                .resources(p.launchFunctions().stream().map(StackCleanup::functionArn).toList())
                .build());
        Policy policy = Policy.Builder.create(this, "CleanupPolicy")
                .roles(List.of(handler.role()))
                .statements(statements)
                .build();
        List<String> wildcards = statements.stream().flatMap(s -> s.getResources().stream()).distinct().toList();
        Suppress.rule(policy, "AwsSolutions-IAM5",
                "Describe calls have no resource-level permissions; instance, fleet and Spot request ids are only "
                        + "known at run time and every removal is conditioned on aws:ResourceTag/spotburst:cluster.",
                NagResource.appliesTo(this, wildcards));
    }

    private static String functionArn(String name) {
        return "arn:" + Aws.PARTITION + ":lambda:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":function:" + name;
    }

    /** Makes each launch path a dependent of the cleanup resource, so CloudFormation deletes it first. */
    public void mustBeDeletedBefore(IConstruct launchPath) {
        launchPath.getNode().addDependency(resource);
    }

    public CustomResource resource() {
        return resource;
    }

    public HandlerFunction handler() {
        return handler;
    }

    public Provider provider() {
        return provider;
    }
}
