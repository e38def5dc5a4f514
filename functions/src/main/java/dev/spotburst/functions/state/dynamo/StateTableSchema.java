package dev.spotburst.functions.state.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the spotburst table as the CDK stack declares it (pk/sk strings, GSI {@code gsi1} projecting all,
 * on-demand), for the local stand-ins and tests. One definition, next to the key layout it serves.
 */
public final class StateTableSchema {
    private StateTableSchema() {
    }

    /** Issues CreateTable; fails with {@code ResourceInUseException} if the table exists. */
    public static void create(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(TableLayout.PK), attr(TableLayout.SK), attr(TableLayout.GSI1PK),
                        attr(TableLayout.GSI1SK))
                .keySchema(key(TableLayout.PK, KeyType.HASH), key(TableLayout.SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(TableLayout.GSI1)
                        .keySchema(key(TableLayout.GSI1PK, KeyType.HASH), key(TableLayout.GSI1SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
