package dev.spotburst.localcloud;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local, in memory, on 127.0.0.1 only. {@code ServerRunner} has no host option and binds 0.0.0.0, so we
 * mount DynamoDB Local's request handler on our own Jetty connector (internal API of DynamoDBLocal 2.6.1; see
 * toolchain.md (a)). Telemetry is never configured on this path: only {@code ServerRunner}/{@code DynamoDBEmbedded}
 * set it up and only {@code DynamoDBProxyServer.start()} emits, which we do not call.
 */
final class DynamoDbStand implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBRequestHandler requestHandler;
    private final LocalDynamoDBServerHandler serverHandler;
    private final URI endpoint;

    private DynamoDbStand(Server server, LocalDynamoDBRequestHandler requestHandler,
                          LocalDynamoDBServerHandler serverHandler, URI endpoint) {
        this.server = server;
        this.requestHandler = requestHandler;
        this.serverHandler = serverHandler;
        this.endpoint = endpoint;
    }

    static DynamoDbStand start(int port) throws Exception {
        // DynamoDB Local extracts its sqlite4java native library into java.io.tmpdir on first use and answers every
        // request with HTTP 500 if it cannot (e.g. a test tmpdir under target/ that nobody created yet).
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        // (port unused, inMemory, dbPath, sharedDb, delayTransientStatuses): one shared in-memory database for all
        // credentials/regions, tables ACTIVE at once.
        LocalDynamoDBRequestHandler requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new DynamoDBProxyServer(1, serverHandler).setUpHandler(serverHandler));
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            requestHandler.shutdown();
            throw e;
        }
        URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return new DynamoDbStand(server, requestHandler, serverHandler, endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping DynamoDB Local's Jetty failed", e);
        } finally {
            try {
                serverHandler.close();
            } finally {
                requestHandler.shutdown();
            }
        }
    }
}
