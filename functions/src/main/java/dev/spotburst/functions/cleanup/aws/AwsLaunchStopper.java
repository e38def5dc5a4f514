package dev.spotburst.functions.cleanup.aws;

import dev.spotburst.functions.cleanup.LaunchStopper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Disables EventBridge rules and sets each launch function's reserved concurrency to 0 (no invocation runs, SQS
 * event sources stop delivering). ResourceNotFound is success: CloudFormation normally deleted these before the
 * cleanup resource. Any other error is reported back, not thrown (see {@link LaunchStopper}).
 */
public final class AwsLaunchStopper implements LaunchStopper {
    private static final Logger log = LoggerFactory.getLogger(AwsLaunchStopper.class);

    private final EventBridgeClient events;
    private final LambdaClient lambda;

    public AwsLaunchStopper(EventBridgeClient events, LambdaClient lambda) {
        this.events = events;
        this.lambda = lambda;
    }

    @Override
    public List<String> stop(List<String> ruleNames, List<String> functionNames) {
        var failures = new ArrayList<String>();
        for (String rule : ruleNames) {
            try {
                events.disableRule(DisableRuleRequest.builder().name(rule).build());
                log.info("cleanup disabled rule {}", rule);
            } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
                log.info("cleanup rule {} already deleted", rule);
            } catch (SdkException e) {
                failures.add("DisableRule " + rule + ": " + e.getMessage());
            }
        }
        for (String fn : functionNames) {
            try {
                lambda.putFunctionConcurrency(PutFunctionConcurrencyRequest.builder()
                        .functionName(fn).reservedConcurrentExecutions(0).build());
                log.info("cleanup set reserved concurrency 0 on {}", fn);
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
                log.info("cleanup function {} already deleted", fn);
            } catch (SdkException e) {
                failures.add("PutFunctionConcurrency " + fn + ": " + e.getMessage());
            }
        }
        return failures;
    }
}
