package dev.spotburst.functions.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The only place AWS clients are built. url-connection-client (small, fast cold start); region and credentials
 * from the environment; endpoints from {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}, which the
 * SDK honours by itself when no override is set (verified, toolchain.md (f)) — so the same code runs against the
 * local stand-ins, LocalStack or AWS. Clients are created lazily, once per container (SnapStart-friendly: none
 * exist in the snapshot unless a handler's constructor asked for one).
 */
public final class AwsClients {
    private final SdkHttpClient http;
    private final URI ec2Endpoint;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final Lazy<Ec2Client> ec2 = new Lazy<>(this::buildEc2);
    private final Lazy<DynamoDbClient> dynamo = new Lazy<>(this::buildDynamo);
    private final Lazy<SqsClient> sqs = new Lazy<>(this::buildSqs);
    private final Lazy<EventBridgeClient> eventBridge = new Lazy<>(this::buildEventBridge);
    private final Lazy<LambdaClient> lambda = new Lazy<>(this::buildLambda);
    private final Map<String, Ec2Client> ec2ByRegion = new ConcurrentHashMap<>();

    /** Endpoints from the environment (or AWS defaults). */
    public AwsClients() {
        this(null, null, null);
    }

    /** Explicit endpoints, for tests against local servers; null means "from the environment". */
    public AwsClients(URI ec2Endpoint, URI dynamoEndpoint, URI sqsEndpoint) {
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.ec2Endpoint = ec2Endpoint;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqsEndpoint = sqsEndpoint;
    }

    public Ec2Client ec2() {
        return ec2.get();
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /**
     * EC2 in {@code region}: the shared client for the home region, else one per region (node groups may live in
     * other regions; the stack-delete cleanup must reach them all).
     */
    public Ec2Client ec2(String region) {
        if (region.equals(homeRegion())) {
            return ec2();
        }
        return ec2ByRegion.computeIfAbsent(region, r -> {
            var b = Ec2Client.builder().httpClient(http).region(Region.of(r));
            if (ec2Endpoint != null) {
                b.endpointOverride(ec2Endpoint);
            }
            return b.build();
        });
    }

    /** The region of the environment's default client, or null where none is configured (a user's shell). */
    private String homeRegion() {
        try {
            return ec2().serviceClientConfiguration().region().id();
        } catch (software.amazon.awssdk.core.exception.SdkClientException noRegion) {
            return null;
        }
    }

    /** Only the stack-delete cleanup uses it (disables the schedule and event rules before reclaiming). */
    public EventBridgeClient eventBridge() {
        return eventBridge.get();
    }

    /** Only the stack-delete cleanup uses it (sets the launching functions' reserved concurrency to 0). */
    public LambdaClient lambda() {
        return lambda.get();
    }

    private Ec2Client buildEc2() {
        var b = Ec2Client.builder().httpClient(http);
        if (ec2Endpoint != null) {
            b.endpointOverride(ec2Endpoint);
        }
        return b.build();
    }

    private DynamoDbClient buildDynamo() {
        var b = DynamoDbClient.builder().httpClient(http);
        if (dynamoEndpoint != null) {
            b.endpointOverride(dynamoEndpoint);
        }
        return b.build();
    }

    private SqsClient buildSqs() {
        var b = SqsClient.builder().httpClient(http);
        if (sqsEndpoint != null) {
            b.endpointOverride(sqsEndpoint);
        }
        return b.build();
    }

    private EventBridgeClient buildEventBridge() {
        return EventBridgeClient.builder().httpClient(http).build();
    }

    private LambdaClient buildLambda() {
        return LambdaClient.builder().httpClient(http).build();
    }

    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        value = v = factory.get();
                    }
                }
            }
            return v;
        }
    }
}
