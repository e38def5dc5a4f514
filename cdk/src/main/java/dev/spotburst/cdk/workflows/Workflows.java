package dev.spotburst.cdk.workflows;

import dev.spotburst.cdk.ClusterNames;
import dev.spotburst.cdk.nag.NagResource;
import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One state machine per {@code *.asl.json} file. Definitions are inlined (not an S3 asset) with
 * {@code ${WorkflowFunctionArn}} substituted by the workflow-task Lambda's alias; execution logs (ALL, with data) go
 * to an encrypted log group and X-Ray tracing is on.
 */
public final class Workflows extends Construct {

    public static final String SUFFIX = ".asl.json";
    public static final String FUNCTION_PLACEHOLDER = "WorkflowFunctionArn";

    public record Props(ClusterNames names, List<Path> definitions, IFunction workflowTasks, IKey logKey) {
    }

    private final Map<String, StateMachine> machines = new LinkedHashMap<>();

    public Workflows(Construct scope, String id, Props props) {
        super(scope, id);
        for (Path file : props.definitions()) {
            String workflow = workflowName(file);
            String name = props.names().stateMachine(workflow);
            LogGroup logs = LogGroup.Builder.create(this, workflow + "-logs")
                    .logGroupName("/aws/vendedlogs/states/" + name)
                    .retention(RetentionDays.ONE_MONTH)
                    .encryptionKey(props.logKey())
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            StateMachine sm = StateMachine.Builder.create(this, workflow)
                    .stateMachineName(name)
                    .definitionBody(DefinitionBody.fromString(read(file)))
                    .definitionSubstitutions(Map.of(FUNCTION_PLACEHOLDER, props.workflowTasks().getFunctionArn()))
                    .tracingEnabled(true)
                    .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                    .build();
            props.workflowTasks().grantInvoke(sm);
            Suppress.rule(sm.getRole(), "AwsSolutions-IAM5",
                    "Step Functions log delivery and X-Ray actions have no resource-level permissions (CDK-generated); "
                            + "Lambda invoke is limited to the workflow-task alias (its :* form covers its versions).",
                    List.of("Resource::*", "Resource::" + NagResource.render(
                            software.amazon.awscdk.Stack.of(this).resolve(props.workflowTasks().getFunctionArn())) + ":*"));
            machines.put(workflow, sm);
        }
    }

    /** {@code scale-out.asl.json} → {@code scale-out}. */
    public static String workflowName(Path file) {
        String f = file.getFileName().toString();
        if (!f.endsWith(SUFFIX)) {
            throw new IllegalArgumentException("not a state machine definition (*" + SUFFIX + "): " + file);
        }
        return f.substring(0, f.length() - SUFFIX.length());
    }

    /** The definitions in a folder, sorted; none if the folder does not exist. */
    public static List<Path> definitionsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list state machine definitions in " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state machine definition " + file, e);
        }
    }

    public Map<String, StateMachine> machines() {
        return Map.copyOf(machines);
    }
}
