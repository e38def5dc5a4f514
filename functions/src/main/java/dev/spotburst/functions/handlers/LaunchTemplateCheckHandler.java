package dev.spotburst.functions.handlers;

import dev.spotburst.functions.cfn.RequestType;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigProblem;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.Settings;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.ltcheck.LaunchTemplateCheck;
import dev.spotburst.functions.ltcheck.LaunchTemplateCheckEvent;
import dev.spotburst.functions.ltcheck.LaunchTemplateCheckFailedException;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;
import dev.spotburst.functions.rescue.aws.Ec2LaunchTemplateDirectory;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * {@code Custom::SpotburstLaunchTemplateCheck} behind the CDK Provider framework (onEvent only). Create and Update
 * run the hibernation prerequisites against EC2 ({@link LaunchTemplateCheck}); any error is thrown, which the
 * framework reports to CloudFormation as FAILED with the message as the reason, so the deployment stops before the
 * launch paths (which depend on this resource) exist. Delete checks nothing. Idempotent: it only reads EC2.
 */
public final class LaunchTemplateCheckHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger log = LoggerFactory.getLogger(LaunchTemplateCheckHandler.class);

    private final LaunchTemplateCheck check;

    public LaunchTemplateCheckHandler() {
        this(fromEnvironment());
    }

    public LaunchTemplateCheckHandler(LaunchTemplateCheck check) {
        this.check = check;
    }

    /** The config layer's two files (as every handler loads them) and the default clients. */
    private static LaunchTemplateCheck fromEnvironment() {
        return check(ControlPlane.config(Settings.fromEnvironment()), new AwsClients());
    }

    /** The check over EC2: each hibernating group's template read in its own region (clients built on first use). */
    public static LaunchTemplateCheck check(ClusterConfig config, AwsClients clients) {
        return new LaunchTemplateCheck(config,
                region -> new Ec2LaunchTemplateDirectory(clients.ec2(region), ThrottleRetry.standard()),
                OfflineInstanceTypeCatalog.load());
    }

    public static String physicalResourceId(String cluster) {
        return "spotburst-launch-template-check-" + cluster;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Invocation.run(context, ControlPlaneMetrics.NONE, () -> handle(LaunchTemplateCheckEvent.parse(event)));
    }

    private Map<String, Object> handle(LaunchTemplateCheckEvent event) {
        // Keep the id CloudFormation knows: a new one on Update would make it delete the "old" resource.
        String id = event.physicalResourceId() != null ? event.physicalResourceId() : physicalResourceId(event.cluster());
        if (event.requestType() == RequestType.DELETE) {
            return Map.of("PhysicalResourceId", id); // never block a stack delete or rollback
        }
        if (!event.cluster().equals(check.cluster())) {
            throw new IllegalArgumentException("field 'ResourceProperties.ClusterName' is '" + event.cluster()
                    + "' but the function's config.json describes cluster '" + check.cluster() + "'");
        }
        var problems = check.problems();
        problems.forEach(p -> log.warn("launch template check: {}", p));
        var errors = problems.stream().filter(ConfigProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw LaunchTemplateCheckFailedException.of(event.cluster(), errors);
        }
        return Map.of("PhysicalResourceId", id);
    }
}
