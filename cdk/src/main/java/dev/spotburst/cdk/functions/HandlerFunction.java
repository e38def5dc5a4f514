package dev.spotburst.cdk.functions;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * One Java handler: java25 on arm64, SnapStart on published versions, an alias {@code live} on the current version
 * (everything invokes the alias, so SnapStart applies), its own role (no AWS managed policy) and its own encrypted
 * log group.
 */
public final class HandlerFunction extends Construct {

    public static final String ALIAS = "live";

    /**
     * @param reservedConcurrency null for none; set where ordering or serialisation matters
     */
    public record Props(String functionName, Handler handler, Code code, List<ILayerVersion> layers,
                        Map<String, String> environment, Integer reservedConcurrency, IKey logKey) {
    }

    private final Function function;
    private final Alias alias;
    private final Role role;

    public HandlerFunction(Construct scope, String id, Props props) {
        super(scope, id);
        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + props.functionName())
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(props.logKey())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("spotburst " + props.handler().nameSuffix() + " Lambda")
                .build();
        logGroup.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .functionName(props.functionName())
                .description(props.handler().description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(props.handler().handlerString())
                .code(props.code())
                .layers(props.layers())
                .memorySize(props.handler().memoryMiB())
                .timeout(props.handler().timeout())
                .environment(props.environment())
                .reservedConcurrentExecutions(props.reservedConcurrency())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logGroup)
                .build();
        // SnapStart applies to published versions: the alias below publishes one and everything invokes the alias.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "published through the live alias");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public IRole role() {
        return role;
    }
}
