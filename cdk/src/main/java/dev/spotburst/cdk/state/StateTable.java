package dev.spotburst.cdk.state;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.constructs.Construct;

import java.util.List;

/**
 * The single-table store: node records, node-group status, launch accounting. {@code pk}/{@code sk} with one
 * overloaded GSI ({@code gsi1}), TTL on {@code expiresAt}, on-demand, PITR, AWS-managed encryption.
 */
public final class StateTable extends Construct {

    public static final String TTL_ATTRIBUTE = "expiresAt";
    public static final String GSI1 = "gsi1";

    /** @param deletionProtection also keeps the table (RETAIN) when the stack is deleted */
    public record Props(String tableName, boolean deletionProtection) {
    }

    private final TableV2 table;

    public StateTable(Construct scope, String id, Props props) {
        super(scope, id);
        table = TableV2.Builder.create(this, "Table")
                .tableName(props.tableName())
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billing(Billing.onDemand())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .encryption(TableEncryptionV2.awsManagedKey())
                .deletionProtection(props.deletionProtection())
                .removalPolicy(props.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .globalSecondaryIndexes(List.of(GlobalSecondaryIndexPropsV2.builder()
                        .indexName(GSI1)
                        .partitionKey(Attribute.builder().name("gsi1pk").type(AttributeType.STRING).build())
                        .sortKey(Attribute.builder().name("gsi1sk").type(AttributeType.STRING).build())
                        .build()))
                .build();
    }

    public TableV2 table() {
        return table;
    }
}
