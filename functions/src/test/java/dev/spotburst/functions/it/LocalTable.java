package dev.spotburst.functions.it;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates the spotburst table as the CDK stack declares it (pk/sk, gsi1, on-demand). */
public final class LocalTable {
    private LocalTable() {
    }

    /** Surefire points java.io.tmpdir into target/; DynamoDB Local extracts its sqlite library there. */
    public static void ensureTmpDir() {
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void create(DynamoDbClient dynamo, String table) {
        dev.spotburst.functions.state.dynamo.StateTableSchema.create(dynamo, table);
    }
}
