package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.spotburst.cdk.TemplateQueries.props;
import static dev.spotburst.cdk.TemplateQueries.resources;
import static org.assertj.core.api.Assertions.assertThat;

class MessagingTemplateTest {

    private final Template t = SynthFixture.main().template();

    @Test
    void everyControlQueueHasItsOwnDeadLetterQueueWithRedriveAfterFiveReceives() {
        var queues = resources(t, "AWS::SQS::Queue");
        for (var q : List.of(new Object[]{"test-requests.fifo", "test-requests-dlq.fifo", true},
                new Object[]{"test-commands.fifo", "test-commands-dlq.fifo", true},
                new Object[]{"test-reports", "test-reports-dlq", false})) {
            String dlqId = queues.entrySet().stream().filter(e -> q[1].equals(props(e.getValue()).get("QueueName")))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            var dlq = props(queues.get(dlqId));
            assertThat(dlq.get("MessageRetentionPeriod")).isEqualTo(1209600);
            assertThat(dlq.get("FifoQueue")).isEqualTo((boolean) q[2] ? true : null);
            t.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                    "QueueName", q[0],
                    "RedrivePolicy", Map.of(
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlqId, "Arn")),
                            "maxReceiveCount", 5))));
        }
        // The shim sets MessageDeduplicationId = request id; content-based deduplication would merge retries.
        t.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "QueueName", "test-requests.fifo", "FifoQueue", true, "ContentBasedDeduplication", false)));
    }

    @Test
    void everyQueueIsEncryptedAndDeniesNonTlsAccess() {
        var queues = resources(t, "AWS::SQS::Queue");
        assertThat(queues).hasSize(7); // 3 queues, 3 DLQs, the EventBridge target DLQ
        queues.values().forEach(q -> assertThat(props(q)).containsEntry("SqsManagedSseEnabled", true));
        var policies = resources(t, "AWS::SQS::QueuePolicy");
        for (String queueId : queues.keySet()) {
            assertThat(policies.values()).as("TLS-only policy for %s", queueId).anySatisfy(p -> {
                assertThat(props(p).get("Queues")).isEqualTo(List.of(Map.of("Ref", queueId)));
                assertThat(props(p).get("PolicyDocument").toString())
                        .contains("Effect=Deny", "aws:SecureTransport=false", "Action=sqs:*");
            });
        }
    }
}
