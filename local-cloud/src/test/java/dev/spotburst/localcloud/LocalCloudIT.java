package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LocalCloudExtension.class)
class LocalCloudIT {

    @Test
    void startsOnLoopbackAndDescribesItselfAsEnvironment(LocalCloud cloud) {
        System.err.printf("[figure] shared local cloud start-up: %d ms%n", cloud.startupTime().toMillis());
        for (CloudService service : CloudService.values()) {
            assertThat(cloud.endpoint(service).getHost()).as("%s", service).isEqualTo("127.0.0.1");
        }
        assertThat(cloud.environment()).containsOnlyKeys("AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_DYNAMODB",
                        "AWS_ENDPOINT_URL_SQS", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                .containsEntry("AWS_ENDPOINT_URL_SQS", cloud.sqsEndpoint().toString())
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_ACCESS_KEY_ID", "test");
    }

    @Test
    void dynamoDbConditionalWritesBehaveLikeTheService(DynamoDbClient dynamoDb, FreshResources fresh) {
        String table = fresh.table("nodes", "pk", "sk");
        Map<String, AttributeValue> item = Map.of("pk", s("NODE#burst-1"), "sk", s("STATE"), "state", s("RESUMING"));
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));

        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of("pk", s("NODE#burst-1"), "sk", s("STATE"), "state", s("LAUNCHED")))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).containsEntry("state", s("RESUMING")));

        dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("NODE#burst-1"), "sk", s("STATE")))
                .updateExpression("SET #s = :new").conditionExpression("#s = :old")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":new", s("LAUNCHED"), ":old", s("RESUMING"))));
        assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", s("NODE#burst-1"), "sk", s("STATE")))
                .consistentRead(true)).item()).containsEntry("state", s("LAUNCHED"));
    }

    @Test
    void sqsFifoKeepsGroupOrderAndDropsDuplicates(SqsClient sqs, FreshResources fresh) {
        String queue = fresh.fifoQueue("requests");
        for (String body : List.of("resume burst-1", "resume burst-2", "resume burst-1", "suspend burst-1")) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body).messageGroupId("gpu"));
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5 && bodies.size() < 3; i++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(bodies).containsExactly("resume burst-1", "resume burst-2", "suspend burst-1");
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("no group")))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void sqsMovesPoisonMessagesToTheDlqAndRedrivesThemBack(SqsClient sqs, FreshResources fresh) throws Exception {
        FreshResources.QueueWithDlq queues = fresh.queueWithDlq("commands", false, 2, Duration.ofSeconds(1));
        sqs.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("scontrol update NodeName=burst-1"));

        List<Message> inDlq = List.of();
        for (int attempt = 0; attempt < 20 && inDlq.isEmpty(); attempt++) {
            sqs.receiveMessage(b -> b.queueUrl(queues.queueUrl()).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            Thread.sleep(1_100); // let the visibility timeout lapse without deleting (a failing consumer)
            inDlq = sqs.receiveMessage(b -> b.queueUrl(queues.dlqUrl()).waitTimeSeconds(0)).messages();
        }
        assertThat(inDlq).extracting(Message::body).containsExactly("scontrol update NodeName=burst-1");
        String dlqArn = fresh.queueArn(queues.dlqUrl());
        assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(queues.dlqUrl())).queueUrls())
                .containsExactly(queues.queueUrl());

        // Our receive on the DLQ hid the message for 30 s; make it visible again so the move task can take it.
        String handle = inDlq.getFirst().receiptHandle();
        sqs.changeMessageVisibility(b -> b.queueUrl(queues.dlqUrl()).receiptHandle(handle).visibilityTimeout(0));
        sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn));
        List<Message> back = List.of();
        for (int attempt = 0; attempt < 10 && back.isEmpty(); attempt++) {
            back = sqs.receiveMessage(b -> b.queueUrl(queues.queueUrl()).waitTimeSeconds(1)).messages();
        }
        assertThat(back).extracting(Message::body).containsExactly("scontrol update NodeName=burst-1");
    }

    @Test
    void ec2EmulatorAnswersAndItsEventsReachTheBus(LocalCloud cloud, Ec2Client ec2) {
        List<String> events = new CopyOnWriteArrayList<>();
        cloud.eventBus().putRule("cloud-it-state-changes",
                EventPattern.builder().source("aws.ec2").detailType("EC2 Instance State-change Notification").build(),
                EventTarget.handler(events::add));
        try {
            String instanceId = ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("m5.large")
                    .minCount(1).maxCount(1)).instances().getFirst().instanceId();
            cloud.ec2Emulator().orElseThrow().control().tick();

            assertThat(ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations())
                    .flatExtracting(r -> r.instances()).extracting(i -> i.instanceId()).containsExactly(instanceId);
            assertThat(events).anySatisfy(e -> assertThat(e).contains(instanceId).contains("\"running\""));
        } finally {
            cloud.eventBus().removeRule("cloud-it-state-changes");
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
