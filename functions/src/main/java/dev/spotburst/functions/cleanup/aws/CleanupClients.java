package dev.spotburst.functions.cleanup.aws;

import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.cleanup.CleanupEc2;
import dev.spotburst.functions.cleanup.LaunchStopper;
import dev.spotburst.functions.ec2.ThrottleRetry;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients the cleanup needs beyond {@link AwsClients}: EC2 in the node groups' other regions, EventBridge and
 * Lambda. The home region's EC2 client is the shared one. Built lazily, once per container; endpoints come from
 * {@code AWS_ENDPOINT_URL[_<SERVICE>]} as for every other client. (Candidates to move into AwsClients.)
 */
public final class CleanupClients {
    private final AwsClients shared;
    private final ThrottleRetry retry;
    private final Map<String, CleanupEc2> byRegion = new ConcurrentHashMap<>();
    private volatile SdkHttpClient http;
    private AwsLaunchStopper stopper;

    public CleanupClients(AwsClients shared, ThrottleRetry retry) {
        this.shared = shared;
        this.retry = retry;
    }

    public String homeRegion() {
        return shared.ec2().serviceClientConfiguration().region().id();
    }

    public CleanupEc2 ec2(String region) {
        return byRegion.computeIfAbsent(region, r -> new Ec2CleanupAdapter(r.equals(homeRegion()) ? shared.ec2()
                : Ec2Client.builder().httpClient(http()).region(Region.of(r)).build(), retry));
    }

    /** Builds its EventBridge and Lambda clients on first use (only a Delete needs them). */
    public LaunchStopper launchStopper() {
        return (rules, functions) -> stopper().stop(rules, functions);
    }

    private synchronized AwsLaunchStopper stopper() {
        if (stopper == null) {
            stopper = new AwsLaunchStopper(EventBridgeClient.builder().httpClient(http()).build(),
                    LambdaClient.builder().httpClient(http()).build());
        }
        return stopper;
    }

    private SdkHttpClient http() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                            .socketTimeout(Duration.ofSeconds(30)).build();
                }
            }
        }
        return http;
    }
}
