package dev.spotburst.functions.cleanup;

import com.sun.net.httpserver.HttpServer;
import dev.spotburst.functions.cleanup.aws.AwsLaunchStopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch stopper with the real EventBridge and Lambda SDK clients (2.51.3 modules on the 2.54 core) against a
 * loopback stub answering in each service's wire format: gone = stopped, other errors reported, never thrown.
 */
class CleanupLaunchStopperIT {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private EventBridgeClient events;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + (target != null ? target : path) + " " + body);
            int status = 200;
            String reply;
            if (target != null) { // EventBridge: JSON 1.1
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                if (body.contains("demo-gone")) {
                    status = 400;
                    reply = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Rule demo-gone does not exist.\"}";
                } else {
                    reply = "{}";
                }
            } else { // Lambda: REST-JSON
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (path.contains("demo-gone")) {
                    status = 404;
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
                    reply = "{\"Type\":\"User\",\"Message\":\"Function not found: demo-gone\"}";
                } else if (path.contains("demo-denied")) {
                    status = 403;
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
                    reply = "{\"Message\":\"not authorized to perform lambda:PutFunctionConcurrency\"}";
                } else {
                    reply = "{\"ReservedConcurrentExecutions\":0}";
                }
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        events = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
        lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    @AfterEach
    void stop() {
        events.close();
        lambda.close();
        server.stop(0);
    }

    @Test
    void disablesRulesAndZeroesConcurrencyTreatingGoneAsStopped() {
        var failures = new AwsLaunchStopper(events, lambda).stop(List.of("demo-reconcile-schedule", "demo-gone"),
                List.of("demo-reconcile", "demo-gone", "demo-denied"));

        assertThat(requests).containsExactly(
                "POST AWSEvents.DisableRule {\"Name\":\"demo-reconcile-schedule\"}",
                "POST AWSEvents.DisableRule {\"Name\":\"demo-gone\"}",
                "PUT /2017-10-31/functions/demo-reconcile/concurrency {\"ReservedConcurrentExecutions\":0}",
                "PUT /2017-10-31/functions/demo-gone/concurrency {\"ReservedConcurrentExecutions\":0}",
                "PUT /2017-10-31/functions/demo-denied/concurrency {\"ReservedConcurrentExecutions\":0}");
        assertThat(failures).singleElement().asString()
                .startsWith("PutFunctionConcurrency demo-denied: not authorized to perform lambda:PutFunctionConcurrency");
    }
}
