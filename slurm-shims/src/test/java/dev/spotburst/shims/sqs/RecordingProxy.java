package dev.spotburst.shims.sqs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP proxy in front of ElasticMQ that records each request as it arrived on the wire (method, path,
 * headers, body) and forwards it, so a test sees both what a sender put on the wire and whether SQS accepted it.
 */
public final class RecordingProxy implements AutoCloseable {

    /** One request as received; header names are case-insensitive. */
    public record Seen(String method, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** Hop-by-hop or transport headers that HttpURLConnection sets itself on the forwarded request. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "transfer-encoding");

    private final HttpServer server;
    private final URI target;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private RecordingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RecordingProxy to(URI target) throws IOException {
        return new RecordingProxy(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), headers, body));

            HttpURLConnection c = (HttpURLConnection) target.resolve(ex.getRequestURI()).toURL().openConnection();
            c.setRequestMethod(ex.getRequestMethod());
            c.setDoOutput(true);
            headers.forEach((k, v) -> {
                if (!NOT_FORWARDED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    c.setRequestProperty(k, v);
                }
            });
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int rc = c.getResponseCode();
            byte[] answer;
            try (InputStream in = rc < 400 ? c.getInputStream() : c.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            String type = c.getContentType();
            if (type != null) {
                ex.getResponseHeaders().add("Content-Type", type);
            }
            ex.sendResponseHeaders(rc, answer.length == 0 ? -1 : answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
