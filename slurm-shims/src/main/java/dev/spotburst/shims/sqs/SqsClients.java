package dev.spotburst.shims.sqs;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the two SQS clients of the head node. Region and credential sources are explicit so that start-up does not
 * walk the SDK's whole default chains (each probe costs class loading, file reads or an IMDS round trip). The
 * endpoint is left to the SDK, which honours {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL}.
 */
public final class SqsClients {

    private SqsClients() {
    }

    /**
     * For the shims: a call that cannot complete in ~2.5 s gives up (the request is spooled), because slurmctld waits
     * for ResumeProgram's process to finish. One retry at most.
     */
    public static SqsClient forShim(String region, URI endpoint, Map<String, String> env) {
        return build(region, endpoint, env, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(2500), 2);
    }

    /** For the agent: long polls (20 s) need a socket timeout above the wait; normal retries. */
    public static SqsClient forAgent(String region, URI endpoint, Map<String, String> env) {
        return build(region, endpoint, env, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(60), 3);
    }

    private static SqsClient build(String region, URI endpoint, Map<String, String> env, Duration connect,
                                   Duration socket, Duration call, int attempts) {
        var b = SqsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(env))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connect)
                        .socketTimeout(socket)
                        .build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(call)
                        .retryStrategy(r -> r.maxAttempts(attempts)));
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    /**
     * Environment / system properties first (tests, explicit keys), a named profile if asked for, then the instance
     * role (IMDSv2). Used by both the SDK clients and the shim's fast path, so both find the same credentials.
     */
    public static AwsCredentialsProvider credentials(Map<String, String> env) {
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        chain.add(EnvironmentVariableCredentialsProvider.create());
        chain.add(SystemPropertyCredentialsProvider.create());
        String profile = env.get("AWS_PROFILE");
        if (profile != null && !profile.isBlank()) {
            chain.add(ProfileCredentialsProvider.create(profile));
        }
        chain.add(InstanceProfileCredentialsProvider.create());
        return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(chain).build();
    }
}
