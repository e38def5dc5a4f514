package dev.spotburst.shims.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotburst.json.Json;
import dev.spotburst.messages.PowerSaveRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path's SendMessage as it appears on the wire, next to the one the SDK's {@link SqsClient} sends for the
 * same request: both go through a recording proxy to ElasticMQ, which must accept both. Same protocol headers, same
 * signed headers apart from the client's per-call bookkeeping, same body, and a signature that verifies.
 */
class FastPathWireIT {

    static final AwsSessionCredentials CREDS = AwsSessionCredentials.create("AKIDTEST", "secret-key", "session-token");
    /** Headers only the SDK client sends: an id per call and the retry attempt counter. */
    static final List<String> SDK_BOOKKEEPING = List.of("amz-sdk-invocation-id", "amz-sdk-request");
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static LocalSqs sqs;

    @BeforeAll
    static void up() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void down() {
        sqs.close();
    }

    @Test
    void the_fast_path_sends_what_the_sdk_client_sends_and_sqs_accepts_it() throws Exception {
        String viaSdk = sqs.fifo("wire-sdk");
        String viaFast = sqs.fifo("wire-fast");
        var request = PowerSaveRequest.of("0190a0b0-0000-7000-8000-0000000000aa", PowerSaveRequest.Kind.RESUME,
                "aws-cpu-[0-1]", Instant.parse("2026-11-22T10:11:12Z"), "c1",
                List.of(new PowerSaveRequest.JobNodes(12, "aws-cpu-[0-1]")));
        RecordingProxy.Seen sdk;
        RecordingProxy.Seen fast;
        try (var proxy = RecordingProxy.to(sqs.endpoint());
             var client = SqsClient.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(CREDS))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            new SqsRequestQueue(client, viaSdk).send(request);
            URI endpoint = FastSqsRequestQueue.endpoint("us-east-1", Map.of("AWS_ENDPOINT_URL_SQS", proxy.endpoint().toString()));
            new FastSqsRequestQueue(viaFast, "us-east-1", endpoint, StaticCredentialsProvider.create(CREDS),
                    Clock.systemUTC()).send(request);
            assertThat(proxy.seen()).hasSize(2);
            sdk = proxy.seen().get(0);
            fast = proxy.seen().get(1);
        }

        assertThat(sqs.drain(viaSdk)).hasSize(1);
        assertThat(sqs.drain(viaFast)).hasSize(1);
        assertThat(fast.method()).isEqualTo(sdk.method()).isEqualTo("POST");
        assertThat(fast.path()).isEqualTo(sdk.path()).isEqualTo("/");
        for (String h : List.of("Content-Type", "X-Amz-Target", "x-amzn-query-mode", "X-Amz-Security-Token", "Host")) {
            assertThat(fast.header(h)).as(h).isNotNull().isEqualTo(sdk.header(h));
        }
        assertThat(fast.header("Content-Type")).isEqualTo("application/x-amz-json-1.0");
        assertThat(fast.header("X-Amz-Target")).isEqualTo("AmazonSQS.SendMessage");
        List<String> sdkSigned = new ArrayList<>(signedHeaders(sdk));
        sdkSigned.removeAll(SDK_BOOKKEEPING);
        assertThat(signedHeaders(fast)).containsExactlyElementsOf(sdkSigned);
        assertThat(scopeWithoutDate(fast)).isEqualTo(scopeWithoutDate(sdk)).isEqualTo("AKIDTEST/us-east-1/sqs/aws4_request");
        assertThat(withoutQueueUrl(fast)).isEqualTo(withoutQueueUrl(sdk));
        // The verifier is checked on the SDK's own request first, then applied to ours.
        assertThat(recomputedAuthorization(sdk)).isEqualTo(sdk.header("Authorization"));
        assertThat(recomputedAuthorization(fast)).isEqualTo(fast.header("Authorization"));
    }

    static List<String> signedHeaders(RecordingProxy.Seen seen) {
        String auth = seen.header("Authorization");
        String list = auth.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        return Arrays.asList(list.split(";"));
    }

    static String scopeWithoutDate(RecordingProxy.Seen seen) {
        String credential = seen.header("Authorization").replaceAll(".*Credential=([^,]+),.*", "$1");
        return credential.replaceFirst("/\\d{8}/", "/");
    }

    /** The body as a JSON tree, the embedded message parsed too, without the (per-queue) QueueUrl. */
    static JsonNode withoutQueueUrl(RecordingProxy.Seen seen) throws Exception {
        ObjectNode body = (ObjectNode) Json.mapper().readTree(seen.body());
        body.remove("QueueUrl");
        body.set("MessageBody", Json.mapper().readTree(body.get("MessageBody").asText()));
        return body;
    }

    /** What a server does: re-sign the received signed headers and body at the request's own X-Amz-Date. */
    static String recomputedAuthorization(RecordingProxy.Seen seen) {
        var b = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(seen.method()))
                .uri(URI.create("http://" + seen.header("Host") + seen.path()));
        for (String h : signedHeaders(seen)) {
            b.putHeader(h, seen.header(h));
        }
        Instant at = Instant.from(AMZ_DATE.parse(seen.header("X-Amz-Date")));
        var signed = FastSqsRequestQueue.sign(b.build(), seen.body(), CREDS, "us-east-1", Clock.fixed(at, ZoneOffset.UTC));
        return signed.firstMatchingHeader("Authorization").orElseThrow();
    }
}
