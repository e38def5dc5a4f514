package dev.spotburst.shims.sqs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our SigV4 must produce exactly the Authorization header the AWS SDK's signer produces for the same request. */
class Sigv4Test {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "https://sqs.eu-west-1.amazonaws.com/, eu-west-1, null",
            "https://sqs.eu-west-1.amazonaws.com/, eu-west-1, IQoJb3JpZ2luX2VjEXAMPLETOKEN//+=",
            "http://127.0.0.1:9324/,              us-east-1, null",
    })
    void matches_the_sdk_signer(String url, String region, String token) {
        URI uri = URI.create(url);
        byte[] body = "{\"QueueUrl\":\"q\",\"MessageBody\":\"{\\\"a\\\":1}\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-11-22T10:11:12Z");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", "AmazonSQS.SendMessage");
        var creds = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);

        Map<String, String> ours = Sigv4.sign(uri, headers, body, creds, region, "sqs", now);

        var request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", headers.get("Content-Type"))
                .putHeader("X-Amz-Target", headers.get("X-Amz-Target"))
                .putHeader("Host", ours.get("Host"))
                .build();
        AwsCredentialsIdentity identity = token == null
                ? AwsCredentialsIdentity.create(creds.accessKeyId(), creds.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(creds.accessKeyId(), creds.secretAccessKey(), token);
        var sdk = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));

        assertThat(ours.get("Authorization")).isEqualTo(sdk.request().firstMatchingHeader("Authorization").orElseThrow());
        assertThat(ours.get("X-Amz-Date")).isEqualTo("20261122T101112Z");
        if (token != null) {
            assertThat(ours.get("X-Amz-Security-Token")).isEqualTo(token);
        }
    }
}
