package dev.spotburst.cdk.nodes;

import dev.spotburst.cdk.ClusterNames;
import dev.spotburst.cdk.functions.Handler;
import dev.spotburst.cdk.functions.HandlerFunction;
import dev.spotburst.cdk.iam.Ec2ControlStatements;
import dev.spotburst.cdk.nag.NagResource;
import dev.spotburst.cdk.nag.ProviderFindings;
import dev.spotburst.cdk.nag.Suppress;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code Custom::SpotburstLaunchTemplateCheck}: at deploy, the hibernating node groups' launch templates are checked
 * against EC2's hibernation prerequisites (hibernation configured, encrypted root EBS volume holding the RAM) by the
 * same code as {@code spotburst config validate --check-aws}. A failure fails the resource with every problem as
 * the reason, and the launch paths depend on it ({@link #mustSucceedBefore}), so nothing that can launch is created
 * or updated over templates that cannot hibernate. Created only when a group hibernates.
 *
 * <p>The resource's properties carry the config layer's ARN and the stack-created templates' latest versions, so a
 * change to either runs the check again on update. A user's own template changed outside the stack is checked at the
 * next deployment that changes one of those, or any time with {@code config validate --check-aws}.
 */
public final class LaunchTemplateCheck extends Construct {

    public static final String RESOURCE_TYPE = "Custom::SpotburstLaunchTemplateCheck";
    /** What {@code HibernationPrerequisites} reads: template versions only (block devices come from the template). */
    public static final List<String> DESCRIBE = List.of(
            "ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions");

    /**
     * @param created the stack-created launch templates, by node group; must exist before the check runs
     */
    public record Props(ClusterNames names, ClusterConfig config, Code code, ILayerVersion configLayer,
                        Map<String, String> environment, IKey logKey, NodeLaunchTemplates created) {
    }

    private final HandlerFunction handler;
    private final CustomResource resource;

    /** The check for {@code props}, or empty when no node group hibernates (nothing to check). */
    public static Optional<LaunchTemplateCheck> ifHibernating(Construct scope, String id, Props props) {
        return props.config().nodeGroups().anyMatch(NodeGroupConfig::hibernates)
                ? Optional.of(new LaunchTemplateCheck(scope, id, props)) : Optional.empty();
    }

    private LaunchTemplateCheck(Construct scope, String id, Props props) {
        super(scope, id);
        handler = new HandlerFunction(this, "Handler", new HandlerFunction.Props(
                props.names().function(Handler.LAUNCH_TEMPLATE_CHECK.nameSuffix()), Handler.LAUNCH_TEMPLATE_CHECK,
                props.code(), List.of(props.configLayer()), props.environment(), null, props.logKey()));
        var describe = Ec2ControlStatements.describe(DESCRIBE);
        Policy policy = Policy.Builder.create(this, "CheckPolicy")
                .roles(List.of(handler.role()))
                .statements(List.of(describe))
                .build();
        Suppress.rule(policy, "AwsSolutions-IAM5",
                "DescribeLaunchTemplates and DescribeLaunchTemplateVersions have no resource-level permissions in "
                        + "EC2 (Resource must be *); the check only reads launch templates.",
                NagResource.appliesTo(this, describe.getResources()));
        LogGroup frameworkLogs = LogGroup.Builder.create(this, "ProviderLogs")
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(props.logKey())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Provider provider = Provider.Builder.create(this, "Provider")
                .onEventHandler(handler.alias())
                .logGroup(frameworkLogs)
                .build();
        ProviderFindings.suppress(provider, "the launch template check handler alias", false);
        var hibernating = props.config().nodeGroups().filter(NodeGroupConfig::hibernates).toList();
        var properties = new LinkedHashMap<String, Object>();
        properties.put("ClusterName", props.names().cluster());
        properties.put("Regions", List.copyOf(hibernating.stream().map(NodeGroupConfig::region)
                .collect(Collectors.toCollection(TreeSet::new))));
        properties.put("ConfigLayerArn", props.configLayer().getLayerVersionArn());
        // A reference to each created template: the check runs after they exist, and again when they change.
        properties.put("LaunchTemplateVersions", hibernating.stream()
                .map(g -> props.created().created().get(g.id())).filter(java.util.Objects::nonNull)
                .map(LaunchTemplate::getLatestVersionNumber).toList());
        resource = CustomResource.Builder.create(this, "Resource")
                .resourceType(RESOURCE_TYPE)
                .serviceToken(provider.getServiceToken())
                .properties(properties)
                .build();
        resource.getNode().addDependency(props.created());
    }

    /** Makes a launch path a dependent of the check, so CloudFormation creates or updates it only after a pass. */
    public void mustSucceedBefore(IConstruct launchPath) {
        launchPath.getNode().addDependency(resource);
    }

    public CustomResource resource() {
        return resource;
    }

    public HandlerFunction handler() {
        return handler;
    }
}
