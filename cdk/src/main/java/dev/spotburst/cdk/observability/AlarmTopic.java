package dev.spotburst.cdk.observability;

import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.Optional;

/**
 * Where alarms go: the user's topic ({@code alarmTopicArn}), or a new encrypted topic with an e-mail subscription
 * ({@code alarmEmail}), or nowhere (alarms still show on the dashboard).
 */
public final class AlarmTopic {

    private AlarmTopic() {
    }

    public static Optional<ITopic> of(Construct scope, String clusterName, Optional<String> topicArn,
                                      Optional<String> email) {
        if (topicArn.isPresent()) {
            return Optional.of(Topic.fromTopicArn(scope, "AlarmTopic", topicArn.get()));
        }
        if (email.isEmpty()) {
            return Optional.empty();
        }
        // CloudWatch cannot publish to a topic under the AWS-managed SNS key; a customer key that lets it is needed.
        Key key = Key.Builder.create(scope, "AlarmTopicKey")
                .description("spotburst " + clusterName + " alarm topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        Topic topic = Topic.Builder.create(scope, "AlarmTopic")
                .displayName("spotburst " + clusterName + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addSubscription(new EmailSubscription(email.get()));
        return Optional.of(topic);
    }
}
