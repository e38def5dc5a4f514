package dev.spotburst.shims;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An IMDSv2 stand-in on loopback serving one instance role: credentials are only given to requests carrying the
 * session token from {@code PUT /latest/api/token} (IMDSv1 GETs get 401, as with {@code HttpTokens=required}).
 */
public final class FakeImds implements AutoCloseable {

    public static final String ROLE = "spotburst-head-node";
    public static final String ACCESS_KEY = "ASIAROLEKEY";
    public static final String SESSION_TOKEN = "role-session-token";
    private static final String TOKEN = "imds-session-token";

    private final HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public FakeImds() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** "METHOD path" of every call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            calls.add(ex.getRequestMethod() + " " + path);
            if (ex.getRequestMethod().equals("PUT") && path.equals("/latest/api/token")) {
                reply(ex, 200, TOKEN);
            } else if (!TOKEN.equals(ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
                reply(ex, 401, "");
            } else if (path.matches("/latest/meta-data/iam/security-credentials(-extended)?/")) {
                reply(ex, 200, ROLE);
            } else if (path.matches("/latest/meta-data/iam/security-credentials(-extended)?/" + ROLE)) {
                reply(ex, 200, """
                        {"Code":"Success","LastUpdated":"%s","Type":"AWS-HMAC","AccessKeyId":"%s",
                         "SecretAccessKey":"role-secret","Token":"%s","Expiration":"%s"}"""
                        .formatted(Instant.now(), ACCESS_KEY, SESSION_TOKEN, Instant.now().plus(Duration.ofHours(6))));
            } else {
                reply(ex, 404, "");
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
