package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringTemplateTest {

    private final Template t = SynthFixture.main().template();

    @Test
    void alarmsCoverDeadLettersReconcilerOrphansLaunchFailuresAndGoToTheEncryptedTopic() {
        String topic = logicalId(t, "AWS::SNS::Topic", "AlarmTopic");
        var alarmActions = List.of(Map.of("Ref", topic));
        for (String dlq : List.of("QueuesRequestsDlq", "QueuesCommandsDlq", "QueuesReportsDlq", "EventsTargetDlq")) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Namespace", "AWS/SQS",
                    "Dimensions", List.of(Map.of("Name", "QueueName",
                            "Value", Map.of("Fn::GetAtt", List.of(logicalId(t, "AWS::SQS::Queue", dlq), "QueueName")))),
                    "ComparisonOperator", "GreaterThanThreshold", "Threshold", 0,
                    "AlarmActions", alarmActions)));
        }
        String reconcile = resources(t, "AWS::Lambda::Function").entrySet().stream()
                .filter(e -> "test-reconcile".equals(props(e.getValue()).get("FunctionName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "Invocations", "Namespace", "AWS/Lambda",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", reconcile))),
                "Statistic", "Sum", "Period", 300,
                "ComparisonOperator", "LessThanThreshold", "Threshold", 1,
                "TreatMissingData", "breaching", "AlarmActions", alarmActions)));
        for (String metric : List.of("OrphansFound", "LaunchFailures")) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", metric, "Namespace", "Spotburst",
                    "Dimensions", List.of(Map.of("Name", "Service", "Value", "test")),
                    "ComparisonOperator", "GreaterThanThreshold", "Threshold", 0,
                    "AlarmActions", alarmActions)));
        }
        // The topic is KMS-encrypted, TLS-only and mails the given address.
        assertThat(props(resources(t, "AWS::SNS::Topic").get(topic))).containsKey("KmsMasterKeyId");
        t.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                "Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topic))));
        t.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void dashboardShowsAlarmsCapacityQueuesAndFunctions() {
        t.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = resources(t, "AWS::CloudWatch::Dashboard").values().iterator().next().toString();
        assertThat(body).contains("spotburst-test", "LaunchFailures", "OrphansFound", "OrphansSwept",
                "ApproximateNumberOfMessagesVisible", "Invocations", "Errors", "alarms");
    }

    @Test
    void aGivenTopicArnReceivesTheAlarmsAndNoTopicIsCreated() {
        Template variant = SynthFixture.existingHeadNodeRole().template();
        variant.resourceCountIs("AWS::SNS::Topic", 0);
        variant.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "LaunchFailures", "AlarmActions", List.of("arn:aws:sns:us-east-1:123456789012:ops"))));
    }

    @Test
    void withoutATopicTheAlarmsStillExistAndNotifyNobody() {
        Template minimal = SynthFixture.minimal().template();
        minimal.resourceCountIs("AWS::SNS::Topic", 0);
        var alarms = resources(minimal, "AWS::CloudWatch::Alarm");
        assertThat(alarms.values()).extracting(a -> props(a).get("MetricName"))
                .contains("ApproximateNumberOfMessagesVisible", "Invocations", "OrphansFound", "LaunchFailures");
        assertThat(alarms.values()).allSatisfy(a -> assertThat(props(a)).doesNotContainKeys("AlarmActions", "OKActions"));
    }
}
