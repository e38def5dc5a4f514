package dev.spotburst.functions.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients go where they are told: explicit endpoints, or the SDK's own AWS_ENDPOINT_URL_* settings. */
class AwsClientsTest {

    @Test
    void explicitAndEnvironmentEndpointsAreHonoured() throws Exception {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var target = new AtomicReference<String>();
        server.createContext("/", ex -> {
            target.set(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            byte[] body = "{\"TableNames\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        var url = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertThat(new AwsClients(null, URI.create(url), null).dynamo().listTables().tableNames()).isEmpty();
            assertThat(target.get()).isEqualTo("DynamoDB_20120810.ListTables");
            target.set(null);
            // The in-process form of AWS_ENDPOINT_URL (toolchain.md (f)): no override in AwsClients.
            System.setProperty("aws.endpointUrl", url);
            try {
                assertThat(new AwsClients().dynamo().listTables().tableNames()).isEmpty();
                assertThat(target.get()).isEqualTo("DynamoDB_20120810.ListTables");
            } finally {
                System.clearProperty("aws.endpointUrl");
            }
        } finally {
            server.stop(0);
        }
    }
}
