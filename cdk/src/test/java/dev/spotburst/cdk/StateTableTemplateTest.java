package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

class StateTableTemplateTest {

    private final Template t = SynthFixture.main().template();

    @Test
    void tableHasKeysTtlGsiPitrOnDemandEncryptionAndDeletionProtection() {
        t.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
        t.hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                "TableName", "test-state",
                "BillingMode", "PAY_PER_REQUEST",
                "SSESpecification", Match.objectLike(Map.of("SSEEnabled", true)),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of(
                        "IndexName", "gsi1",
                        "KeySchema", List.of(Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE"))))),
                "Replicas", List.of(Match.objectLike(Map.of(
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true))))));
        t.hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi1sk", "AttributeType", "S"))))));
        t.hasResource("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
    }
}
