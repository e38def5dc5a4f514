package dev.spotburst.shims.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path's SendMessage as a value: protocol headers, and what the SDK's signer adds to them. */
class FastSqsRequestQueueTest {

    static final byte[] BODY = "{\"QueueUrl\":\"q\",\"MessageBody\":\"{}\"}".getBytes(StandardCharsets.UTF_8);
    static final Clock AT = Clock.fixed(Instant.parse("2026-11-22T10:11:12Z"), ZoneOffset.UTC);
    static final URI ENDPOINT = URI.create("https://sqs.eu-west-1.amazonaws.com/");

    @Test
    void the_request_carries_the_sqs_json_protocol_headers() {
        var r = FastSqsRequestQueue.sendMessage(ENDPOINT, BODY);

        assertThat(r.method().name()).isEqualTo("POST");
        assertThat(r.getUri()).isEqualTo(ENDPOINT);
        assertThat(r.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Content-Type", List.of("application/x-amz-json-1.0"),
                "X-Amz-Target", List.of("AmazonSQS.SendMessage"),
                "x-amzn-query-mode", List.of("true"),
                "Content-Length", List.of(Integer.toString(BODY.length))));
    }

    @Test
    void signing_adds_date_payload_hash_token_and_an_authorization_for_sqs_in_the_region() {
        var identity = AwsSessionCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "session-token");

        var signed = FastSqsRequestQueue.sign(FastSqsRequestQueue.sendMessage(ENDPOINT, BODY), BODY, identity,
                "eu-west-1", AT);

        assertThat(signed.firstMatchingHeader("X-Amz-Date")).hasValue("20261122T101112Z");
        assertThat(signed.firstMatchingHeader("X-Amz-Security-Token")).hasValue("session-token");
        assertThat(signed.firstMatchingHeader("x-amz-content-sha256")).hasValueSatisfying(h -> assertThat(h).hasSize(64));
        assertThat(signed.firstMatchingHeader("Authorization").orElseThrow())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/eu-west-1/sqs/aws4_request, "
                        + "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-security-token;x-amz-target;x-amzn-query-mode, Signature=")
                .doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void without_a_session_token_none_is_sent_and_the_signature_changes_with_the_body() {
        AwsCredentialsIdentity identity = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");
        byte[] other = "{\"QueueUrl\":\"q\",\"MessageBody\":\"{ }\"}".getBytes(StandardCharsets.UTF_8);

        var a = FastSqsRequestQueue.sign(FastSqsRequestQueue.sendMessage(ENDPOINT, BODY), BODY, identity, "eu-west-1", AT);
        var b = FastSqsRequestQueue.sign(FastSqsRequestQueue.sendMessage(ENDPOINT, other), other, identity, "eu-west-1", AT);

        assertThat(a.firstMatchingHeader("X-Amz-Security-Token")).isEmpty();
        assertThat(a.firstMatchingHeader("Authorization")).isNotEqualTo(b.firstMatchingHeader("Authorization"));
    }

    @Test
    void the_fast_path_is_on_unless_the_sdk_client_is_asked_for() {
        assertThat(FastSqsRequestQueue.applies(Map.of())).isTrue();
        assertThat(FastSqsRequestQueue.applies(Map.of("AWS_PROFILE", "ops"))).isTrue();
        assertThat(FastSqsRequestQueue.applies(Map.of("SPOTBURST_SHIM_SDK", "1"))).isFalse();
    }
}
