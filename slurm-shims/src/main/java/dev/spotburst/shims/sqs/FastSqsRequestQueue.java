package dev.spotburst.shims.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.request.RequestJson;
import dev.spotburst.shims.request.RequestQueue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shim's fast path to the requests queue: one SigV4-signed SQS {@code SendMessage} in the AWS JSON 1.0 protocol
 * over {@link HttpURLConnection}, without building an SDK client (which costs more than the rest of the shim
 * together; docs/shims.md has the figures). Same message as {@link SqsMessages#request}: group = cluster,
 * deduplication id = request id, attribute {@code spotburst-type}. Endpoint: {@code AWS_ENDPOINT_URL_SQS}, else
 * {@code AWS_ENDPOINT_URL}, else the regional SQS endpoint.
 */
public final class FastSqsRequestQueue implements RequestQueue {

    private static final JsonFactory JSON = new JsonFactory();

    private final String queueUrl;
    private final String region;
    private final URI endpoint;
    private final Map<String, String> env;
    private final Clock clock;
    private AwsCredentials credentials;

    public FastSqsRequestQueue(String queueUrl, String region, Map<String, String> env, Clock clock) {
        this.queueUrl = queueUrl;
        this.region = region;
        this.endpoint = endpoint(region, env);
        this.env = env;
        this.clock = clock;
    }

    public static URI endpoint(String region, Map<String, String> env) {
        if (!"true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            for (String k : new String[] {"AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL"}) {
                String v = env.get(k);
                if (v != null && !v.isBlank()) {
                    return URI.create(v.endsWith("/") ? v : v + "/");
                }
            }
        }
        return URI.create("https://sqs." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn/" : ".amazonaws.com/"));
    }

    /** The JSON 1.0 body of SendMessage for a request; the same fields as {@link SqsMessages#request}. */
    public static String body(String queueUrl, PowerSaveRequest request) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("QueueUrl", queueUrl);
            g.writeStringField("MessageBody", RequestJson.write(request));
            g.writeStringField("MessageGroupId", request.cluster() == null ? "default" : request.cluster());
            g.writeStringField("MessageDeduplicationId", request.id());
            g.writeObjectFieldStart("MessageAttributes");
            g.writeObjectFieldStart(SqsMessages.TYPE_ATTRIBUTE);
            g.writeStringField("DataType", "String");
            g.writeStringField("StringValue", "power-save-request");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void send(PowerSaveRequest request) throws IOException {
        if (credentials == null) {
            credentials = FastCredentials.resolve(env);
        }
        byte[] body = body(queueUrl, request).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", "AmazonSQS.SendMessage");
        Map<String, String> signed = Sigv4.sign(endpoint, headers, body, credentials, region, "sqs", clock.instant());
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        c.setFixedLengthStreamingMode(body.length);
        signed.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host")) {
                c.setRequestProperty(k, v);
            }
        });
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int rc = c.getResponseCode();
        String answer;
        try (InputStream in = rc < 400 ? c.getInputStream() : c.getErrorStream()) {
            answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (rc != 200) {
            throw new IOException("SQS SendMessage answered HTTP " + rc + ": " + answer);
        }
        if (!(FlatJsonReply.field(answer, "MessageId") instanceof String)) {
            throw new IOException("SQS SendMessage reply has no MessageId: " + answer);
        }
    }
}
