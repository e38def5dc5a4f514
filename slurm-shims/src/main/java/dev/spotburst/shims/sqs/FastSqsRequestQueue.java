package dev.spotburst.shims.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.RequestGroups;
import dev.spotburst.shims.request.RequestJson;
import dev.spotburst.shims.request.RequestQueue;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The shim's fast path to the requests queue: one SQS {@code SendMessage} in the AWS JSON 1.0 protocol, signed by
 * the AWS SDK's own SigV4 signer ({@link AwsV4HttpSigner}) with credentials from the SDK's providers, sent over
 * {@link HttpURLConnection}, without building an SDK client (which costs more than the rest of the shim together;
 * docs/shims.md has the figures). Same message as {@link SqsMessages#request}: group = node group, deduplication id =
 * request id, attribute {@code spotburst-type}. Endpoint: {@code AWS_ENDPOINT_URL_SQS}, else {@code AWS_ENDPOINT_URL},
 * else the regional SQS endpoint.
 */
public final class FastSqsRequestQueue implements RequestQueue {

    private static final JsonFactory JSON = new JsonFactory();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final String queueUrl;
    private final String region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    public FastSqsRequestQueue(String queueUrl, String region, URI endpoint, AwsCredentialsProvider credentials,
                               Clock clock) {
        this.queueUrl = queueUrl;
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** False when the operator asked for the SDK client ({@code SPOTBURST_SHIM_SDK}), e.g. to rule this path out. */
    public static boolean applies(Map<String, String> env) {
        String sdk = env.get("SPOTBURST_SHIM_SDK");
        return sdk == null || sdk.isBlank();
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
            g.writeStringField("MessageGroupId", RequestGroups.messageGroupId(request));
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

    /**
     * The unsigned SendMessage request: the protocol headers the SDK's SQS client sends (JSON 1.0 content type,
     * target, and the query-compatibility flag SQS declares), without the client's own bookkeeping headers
     * ({@code amz-sdk-invocation-id}, {@code amz-sdk-request}, {@code User-Agent}).
     */
    public static SdkHttpFullRequest sendMessage(URI endpoint, byte[] body) {
        return SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "AmazonSQS.SendMessage")
                .putHeader("x-amzn-query-mode", "true")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
    }

    /** Signs with the SDK's SigV4 signer (signing name {@code sqs}); pure apart from the clock passed in. */
    public static SdkHttpRequest sign(SdkHttpFullRequest request, byte[] body, AwsCredentialsIdentity identity,
                                      String region, Clock clock) {
        return SIGNER.sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    @Override
    public void send(PowerSaveRequest request) throws IOException {
        byte[] body = body(queueUrl, request).getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = sign(sendMessage(endpoint, body), body, credentials.resolveCredentials(), region, clock);
        String answer = post(signed, body);
        if (!(FlatJsonReply.field(answer, "MessageId") instanceof String)) {
            throw new IOException("SQS SendMessage reply has no MessageId: " + answer);
        }
    }

    /**
     * Sends the signed request as it is. {@link HttpURLConnection} sets Host and Content-Length itself (it refuses
     * them as request properties) with the same values that were signed. Chosen over the SDK's
     * {@code UrlConnectionHttpClient}, which costs ~90 ms more CPU per call (docs/shims.md).
     */
    private static String post(SdkHttpRequest signed, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) signed.getUri().toURL().openConnection();
        c.setRequestMethod(signed.method().name());
        c.setDoOutput(true);
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        c.setFixedLengthStreamingMode(body.length);
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                c.setRequestProperty(name, String.join(",", values));
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
        return answer;
    }
}
