package dev.spotburst.cdk.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.kms.Key;

import java.util.List;
import java.util.Map;

/** The branch the stack's own table (AWS-managed key) does not take: a table under a customer-managed key. */
class ComputeNodeIdentityTest {

    @Test
    void aCustomerManagedTableKeyAddsDecryptOnThatKeyOnly() {
        // A customer-managed key needs a region-bound stack (TableV2 renders the key per replica region).
        var stack = new Stack(new App(AppProps.builder().analyticsReporting(false).build()), "KeyedTable",
                StackProps.builder().env(Environment.builder().account("123456789012").region("eu-west-1").build())
                        .build());
        var key = Key.Builder.create(stack, "TableKey").enableKeyRotation(true).build();
        var table = TableV2.Builder.create(stack, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .encryption(TableEncryptionV2.customerManagedKey(key))
                .build();

        new ComputeNodeIdentity(stack, "ComputeNodes", new ComputeNodeIdentity.Props("keyed", table));

        Template t = Template.fromStack(stack);
        String keyId = t.findResources("AWS::KMS::Key").keySet().iterator().next();
        String tableId = t.findResources("AWS::DynamoDB::GlobalTable").keySet().iterator().next();
        t.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyName", Match.stringLikeRegexp("ComputeNodesReadLaunchRecords.*"),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(
                        Map.of("Sid", "GetLaunchRecord", "Effect", "Allow", "Action", "dynamodb:GetItem",
                                "Resource", Map.of("Fn::GetAtt", List.of(tableId, "Arn")),
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("LAUNCH#*")))),
                        Map.of("Sid", "DecryptStateTable", "Effect", "Allow", "Action", "kms:Decrypt",
                                "Resource", Map.of("Fn::GetAtt", List.of(keyId, "Arn")))))))));
    }
}
