package dev.spotburst.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spotburst.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loopback HTTP endpoint run-sfn.mjs POSTs every Task state to: {@code {"state","resource","input"}} in,
 * the handler's JSON out (200) or {@code {"error","cause"}} (500), which the script rethrows with that error name.
 * Handlers are looked up by resource, then by the function name of a Lambda ARN, then by state name.
 */
final class TaskEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskEndpoint.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, TaskHandler> handlers;
    private final List<AslTaskCall> calls = new CopyOnWriteArrayList<>();
    private final Set<String> unhandled = ConcurrentHashMap.newKeySet();

    TaskEndpoint(Map<String, TaskHandler> handlers) throws IOException {
        this.handlers = Map.copyOf(handlers);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // Map iterations call concurrently and handlers may block: one virtual thread per request.
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/task", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<AslTaskCall> calls() {
        return List.copyOf(calls);
    }

    /** "state (resource)" of Task states that had no handler. */
    Set<String> unhandled() {
        return new TreeSet<>(unhandled);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                request = Json.mapper().readTree(body);
            }
            String state = request.path("state").asText();
            String resource = request.path("resource").isNull() ? null : request.path("resource").asText(null);
            JsonNode input = request.path("input");
            calls.add(new AslTaskCall(state, resource, input.toString()));
            TaskHandler handler = find(state, resource);
            if (handler == null) {
                unhandled.add(state + " (" + resource + ")");
                reply(exchange, 500, failure("AslRunner.NoHandler", "no Java handler for Task state '" + state
                        + "' with resource '" + resource + "'; handlers: " + new TreeSet<>(handlers.keySet())));
                return;
            }
            try {
                JsonNode output = handler.handle(input);
                reply(exchange, 200, output == null ? "null" : output.toString());
            } catch (TaskFailure e) {
                reply(exchange, 500, failure(e.error(), e.cause()));
            } catch (Exception e) {
                LOG.debug("task {} failed", state, e);
                reply(exchange, 500, failure(e.getClass().getName(), String.valueOf(e.getMessage())));
            }
        }
    }

    private TaskHandler find(String state, String resource) {
        if (resource != null) {
            TaskHandler byResource = handlers.get(resource);
            if (byResource != null) {
                return byResource;
            }
            String function = lambdaFunctionName(resource);
            if (function != null && handlers.containsKey(function)) {
                return handlers.get(function);
            }
        }
        return handlers.get(state);
    }

    /** {@code arn:aws:lambda:region:account:function:NAME[:qualifier]} → NAME. */
    static String lambdaFunctionName(String resource) {
        String[] parts = resource.split(":");
        if (parts.length >= 7 && "lambda".equals(parts[2]) && "function".equals(parts[5])) {
            return parts[6];
        }
        return null;
    }

    private static String failure(String error, String cause) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("error", error);
        node.put("cause", cause);
        return node.toString();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
