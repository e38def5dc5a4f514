package dev.spotburst.cdk.functions;

import dev.spotburst.cdk.ClusterNames;
import dev.spotburst.cdk.messaging.ControlQueues;
import dev.spotburst.cdk.nag.NagResource;
import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.constructs.Construct;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control-plane Lambdas (all handlers except the two custom resources: the stack cleanup, which
 * {@code StackCleanup} owns because it must not depend on the cleanup resource, and the launch template check, which
 * {@code LaunchTemplateCheck} owns because the launch paths depend on it). Each gets only what its handler does:
 * <ul>
 *   <li>launch paths (requests, reconcile, EC2 events, workflow tasks): the EC2 control policy, start workflows;</li>
 *   <li>everything but cleanup: read/write the table, send commands to the head-node agent.</li>
 * </ul>
 */
public final class ControlFunctions extends Construct {

    public static final Set<Handler> LAUNCH_PATHS =
            EnumSet.of(Handler.POWER_SAVE_REQUESTS, Handler.RECONCILE, Handler.EC2_EVENTS, Handler.WORKFLOW_TASKS);

    /**
     * @param workflows           workflow names (ASL file names without {@code .asl.json}); state machines are named
     *                            from them, so ARNs go into the environment without a reference (no cycle)
     * @param requestsConcurrency reserved concurrency of the requests consumer (bounds parallel EC2 launch calls)
     */
    public record Props(ClusterNames names, Code code, ILayerVersion configLayer, TableV2 table, ControlQueues queues,
                        List<String> workflows, IManagedPolicy ec2Control, IKey logKey, int requestsConcurrency) {
    }

    public static final String CONFIG_DIR = "/opt/spotburst";
    public static final String METRICS_NAMESPACE = "Spotburst";

    private final Map<Handler, HandlerFunction> functions = new EnumMap<>(Handler.class);
    private final Map<String, String> environment;

    public ControlFunctions(Construct scope, String id, Props props) {
        super(scope, id);
        environment = environment(props);
        for (Handler h : Handler.values()) {
            if (h == Handler.STACK_CLEANUP || h == Handler.LAUNCH_TEMPLATE_CHECK) {
                continue;
            }
            functions.put(h, new HandlerFunction(this, idOf(h), new HandlerFunction.Props(
                    props.names().function(h.nameSuffix()), h, props.code(), List.of(props.configLayer()),
                    environment, reservedConcurrency(h, props), props.logKey())));
        }
        grant(props);
        wireQueues(props);
        props.queues().requestsDeadLetterQueue().grantSendMessages(functions.get(Handler.POWER_SAVE_REQUESTS).role());
        // Reconcile runs serialised (reserved concurrency 1); a throttled tick is dropped, the next one comes in a minute.
        functions.get(Handler.RECONCILE).alias().configureAsyncInvoke(
                software.amazon.awscdk.services.lambda.EventInvokeConfigOptions.builder()
                        .maxEventAge(Duration.seconds(120)).retryAttempts(0).build());
    }

    private static Integer reservedConcurrency(Handler h, Props props) {
        return switch (h) {
            case POWER_SAVE_REQUESTS -> props.requestsConcurrency();
            case RECONCILE -> 1;
            default -> null;
        };
    }

    private static Map<String, String> environment(Props p) {
        var env = new LinkedHashMap<String, String>();
        env.put("SPOTBURST_CLUSTER", p.names().cluster());
        env.put("SPOTBURST_TABLE", p.table().getTableName());
        env.put("SPOTBURST_REQUESTS_QUEUE_URL", p.queues().requests().getQueueUrl());
        // Poison requests are parked there with the reason attached.
        env.put("SPOTBURST_REQUESTS_DLQ_URL", p.queues().requestsDeadLetterQueue().getQueueUrl());
        env.put("SPOTBURST_COMMANDS_QUEUE_URL", p.queues().commands().getQueueUrl());
        env.put("SPOTBURST_REPORTS_QUEUE_URL", p.queues().reports().getQueueUrl());
        env.put("SPOTBURST_CONFIG_DIR", CONFIG_DIR);
        for (String w : p.workflows()) {
            env.put(stateMachineVariable(w), p.names().stateMachineArn(w));
        }
        // The cluster name as Powertools service: metrics get dimension Service=<cluster>, which the alarms use.
        env.put("POWERTOOLS_SERVICE_NAME", p.names().cluster());
        env.put("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE);
        return Map.copyOf(env);
    }

    /** {@code scale-out} → {@code SPOTBURST_STATE_MACHINE_SCALE_OUT}. */
    public static String stateMachineVariable(String workflow) {
        return "SPOTBURST_STATE_MACHINE_" + workflow.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private void grant(Props p) {
        List<String> stateMachineArns = p.workflows().stream().map(p.names()::stateMachineArn).toList();
        String indexes = "Resource::" + NagResource.render(Stack.of(this).resolve(p.table().getTableArn())) + "/index/*";
        functions.forEach((h, f) -> {
            p.table().grantReadWriteData(f.role());
            Suppress.rule(f.role(), "AwsSolutions-IAM5",
                    "Read/write on the state table includes its indexes (CDK grant: <table>/index/*); the table has "
                            + "one index, gsi1.", List.of(indexes));
            p.queues().commands().grantSendMessages(f.role());
            if (LAUNCH_PATHS.contains(h)) {
                f.role().addManagedPolicy(p.ec2Control());
                if (!stateMachineArns.isEmpty()) {
                    f.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                            .sid("StartWorkflows")
                            .actions(List.of("states:StartExecution"))
                            .resources(stateMachineArns)
                            .build());
                }
            }
        });
    }

    private void wireQueues(Props p) {
        // Event sources attach to the alias so SnapStart versions serve them.
        get(Handler.POWER_SAVE_REQUESTS).alias().addEventSource(SqsEventSource.Builder.create(p.queues().requests())
                .batchSize(10)
                .reportBatchItemFailures(true)
                .build());
        get(Handler.SLURM_REPORTS).alias().addEventSource(SqsEventSource.Builder.create(p.queues().reports())
                .batchSize(10)
                .maxBatchingWindow(Duration.seconds(1))
                .reportBatchItemFailures(true)
                .build());
    }

    private static String idOf(Handler h) {
        StringBuilder sb = new StringBuilder();
        for (String part : h.nameSuffix().split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    public HandlerFunction get(Handler h) {
        return functions.get(h);
    }

    public Map<Handler, HandlerFunction> all() {
        return Map.copyOf(functions);
    }

    /** The one environment every handler's settings object reads (the cleanup handler gets it too). */
    public Map<String, String> environment() {
        return environment;
    }
}
