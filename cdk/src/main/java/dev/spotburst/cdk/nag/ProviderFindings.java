package dev.spotburst.cdk.nag;

import software.amazon.awscdk.customresources.Provider;

import java.util.List;

/**
 * The cdk-nag findings on a CDK Provider framework (aws-cdk-lib's construct, not ours to change), suppressed on the
 * framework's own resources with the reason each applies.
 */
public final class ProviderFindings {

    private ProviderFindings() {
    }

    /**
     * @param invokes  what the framework functions call, for the reason text ("the cleanup handler alias")
     * @param isComplete true when the provider polls (it then has a waiter state machine)
     */
    public static void suppress(Provider provider, String invokes, boolean isComplete) {
        Suppress.rule(provider, "AwsSolutions-IAM4",
                "CDK Provider framework functions use AWSLambdaBasicExecutionRole (CDK-owned construct).",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        Suppress.rule(provider, "AwsSolutions-IAM5",
                "CDK Provider framework: invokes " + invokes + " and its own framework functions "
                        + "(the :* form covers their versions).");
        Suppress.rule(provider, "AwsSolutions-L1",
                "CDK Provider framework functions: runtime chosen by aws-cdk-lib.");
        if (isComplete) {
            Suppress.rule(provider, "AwsSolutions-SF1",
                    "CDK Provider framework waiter state machine: isComplete polling only, its invocations are logged "
                            + "by the framework functions.");
            Suppress.rule(provider, "AwsSolutions-SF2",
                    "CDK Provider framework waiter state machine: no X-Ray option exposed by the construct.");
        }
    }
}
