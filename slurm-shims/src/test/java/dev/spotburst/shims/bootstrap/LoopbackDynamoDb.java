package dev.spotburst.shims.bootstrap;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * DynamoDB Local, in memory, on 127.0.0.1 only (its own ServerRunner binds 0.0.0.0, so its handler is mounted on
 * our own Jetty connector, as local-cloud does; toolchain.md (a)), with a pk/sk table like the stack's.
 */
final class LoopbackDynamoDb implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBRequestHandler requestHandler;
    private final LocalDynamoDBServerHandler serverHandler;
    final URI endpoint;
    final DynamoDbClient client;

    private LoopbackDynamoDb(Server server, LocalDynamoDBRequestHandler requestHandler,
                             LocalDynamoDBServerHandler serverHandler, URI endpoint) {
        this.server = server;
        this.requestHandler = requestHandler;
        this.serverHandler = serverHandler;
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    static LoopbackDynamoDb start() throws Exception {
        // DynamoDB Local extracts its sqlite library into java.io.tmpdir (target/tmp under surefire/failsafe).
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        var requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        var serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new DynamoDBProxyServer(1, serverHandler).setUpHandler(serverHandler));
        server.setStopAtShutdown(false);
        server.start();
        return new LoopbackDynamoDb(server, requestHandler, serverHandler,
                URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    void createStateTable(String table) {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    }

    /** The launch record as the control plane's DynamoStateStore writes it (pk LAUNCH#id, sk LAUNCH, node …). */
    void putLaunchRecord(String table, String instanceId, String node) {
        client.putItem(b -> b.tableName(table).item(Map.of(
                "pk", s("LAUNCH#" + instanceId), "sk", s("LAUNCH"), "node", s(node),
                "nodeGroup", s(node.substring(0, node.lastIndexOf('-'))), "launchedAt", s("2026-11-22T20:00:00Z"))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    @Override
    public void close() throws Exception {
        client.close();
        try {
            server.stop();
        } finally {
            try {
                serverHandler.close();
            } finally {
                requestHandler.shutdown();
            }
        }
    }
}
