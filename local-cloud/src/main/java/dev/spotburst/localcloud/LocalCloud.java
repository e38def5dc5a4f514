package dev.spotburst.localcloud;

import dev.spotburst.ec2emu.Ec2Emulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local stand-ins for AWS, all on 127.0.0.1: the EC2 emulator, DynamoDB Local (in memory), ElasticMQ for SQS, and
 * an in-process {@link LocalEventBus} fed by the emulator's EventBridge-shaped events. Services configured as
 * external in the options are not started; their endpoints are passed through.
 */
public final class LocalCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);

    private final LocalCloudOptions options;
    private final Map<CloudService, URI> endpoints;
    private final List<AutoCloseable> stands;
    private final LocalEventBus eventBus;
    private final Ec2Emulator ec2Emulator;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SqsClient busSqsClient;

    private LocalCloud(LocalCloudOptions options, Map<CloudService, URI> endpoints, List<AutoCloseable> stands,
                       Ec2Stand ec2, Duration startupTime) {
        this.options = options;
        this.endpoints = Collections.unmodifiableMap(endpoints);
        this.stands = stands;
        this.startupTime = startupTime;
        this.eventBus = new LocalEventBus(this::busSqsClient);
        this.ec2Emulator = ec2 == null ? null : ec2.emulator();
        if (ec2 != null) {
            ec2.addEventSink(eventBus);
        }
    }

    /** Starts every service that is not external, in parallel; fails (having stopped what did start) if one fails. */
    public static LocalCloud start(LocalCloudOptions options) {
        long t0 = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "local-cloud-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<Ec2Stand> ec2 = options.isExternal(CloudService.EC2) ? done(null)
                    : CompletableFuture.supplyAsync(() -> timed("EC2 emulator",
                    () -> Ec2Stand.start(options.effectiveEc2Options())), starter);
            CompletableFuture<DynamoDbStand> dynamoDb = options.isExternal(CloudService.DYNAMODB) ? done(null)
                    : CompletableFuture.supplyAsync(() -> timed("DynamoDB Local",
                    () -> DynamoDbStand.start(options.dynamoDbPort())), starter);
            CompletableFuture<SqsStand> sqs = options.isExternal(CloudService.SQS) ? done(null)
                    : CompletableFuture.supplyAsync(() -> timed("ElasticMQ",
                    () -> SqsStand.start(options.sqsPort(), options.region())), starter);
            try {
                CompletableFuture.allOf(ec2, dynamoDb, sqs).join();
            } catch (CompletionException e) {
                closeQuietly(ec2, dynamoDb, sqs);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("local cloud failed to start: " + cause.getMessage(), cause);
            }
            Map<CloudService, URI> endpoints = new EnumMap<>(CloudService.class);
            endpoints.putAll(options.externalEndpoints());
            List<AutoCloseable> stands = new ArrayList<>();
            if (ec2.join() != null) {
                endpoints.put(CloudService.EC2, ec2.join().endpoint());
                stands.add(ec2.join());
            }
            if (dynamoDb.join() != null) {
                endpoints.put(CloudService.DYNAMODB, dynamoDb.join().endpoint());
                stands.add(dynamoDb.join());
            }
            if (sqs.join() != null) {
                endpoints.put(CloudService.SQS, sqs.join().endpoint());
                stands.add(sqs.join());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            LocalCloud cloud = new LocalCloud(options, endpoints, stands, ec2.join(), took);
            LOG.info("local cloud up in {} ms: ec2={} dynamodb={} sqs={} region={}{}", took.toMillis(),
                    cloud.ec2Endpoint(), cloud.dynamoDbEndpoint(), cloud.sqsEndpoint(), options.region(),
                    options.externalEndpoints().isEmpty() ? "" : " external=" + options.externalEndpoints().keySet());
            return cloud;
        } finally {
            starter.shutdownNow();
        }
    }

    public URI ec2Endpoint() {
        return endpoints.get(CloudService.EC2);
    }

    public URI dynamoDbEndpoint() {
        return endpoints.get(CloudService.DYNAMODB);
    }

    public URI sqsEndpoint() {
        return endpoints.get(CloudService.SQS);
    }

    public URI endpoint(CloudService service) {
        return endpoints.get(service);
    }

    /** True when this process started the service (dummy credentials work); false when it is external. */
    public boolean isLocal(CloudService service) {
        return !options.isExternal(service);
    }

    /**
     * The running EC2 emulator, for tests that steer it (capacity, interruptions, clock) through
     * {@code control()}; empty when EC2 is external.
     */
    public Optional<Ec2Emulator> ec2Emulator() {
        return Optional.ofNullable(ec2Emulator);
    }

    public String region() {
        return options.region();
    }

    public LocalEventBus eventBus() {
        return eventBus;
    }

    /** Wall time from {@link #start} until every service answered its socket. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The variables that point an SDK v2 client, the AWS CLI or a child process at this cloud. Dummy credentials are
     * included only when every service is local; with an external service the caller's own credentials apply.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (CloudService service : CloudService.values()) {
            env.put(service.endpointVariable(), endpoints.get(service).toString());
        }
        env.put("AWS_REGION", region());
        if (options.externalEndpoints().isEmpty()) {
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
        }
        return Collections.unmodifiableMap(env);
    }

    /** Stops everything (event bus first, so no event is routed into a stopped queue). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        eventBus.close();
        SqsClient client = busSqsClient;
        if (client != null) {
            client.close();
        }
        for (AutoCloseable stand : stands.reversed()) {
            try {
                stand.close();
            } catch (Exception e) {
                LOG.warn("local cloud: stopping {} failed: {}", stand.getClass().getSimpleName(), e.toString());
            }
        }
        LOG.info("local cloud stopped in {} ms", Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    public boolean isClosed() {
        return closed.get();
    }

    private SqsClient busSqsClient() {
        SqsClient client = busSqsClient;
        if (client == null) {
            synchronized (this) {
                client = busSqsClient;
                if (client == null) {
                    client = LocalClients.sqs(this);
                    busSqsClient = client;
                }
            }
        }
        return client;
    }

    private interface Starter<T> {
        T start() throws Exception;
    }

    private static <T> T timed(String what, Starter<T> starter) {
        long t0 = System.nanoTime();
        try {
            T started = starter.start();
            LOG.info("{} started in {} ms", what, Duration.ofNanos(System.nanoTime() - t0).toMillis());
            return started;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed to start: " + e.getMessage(), e);
        }
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @SafeVarargs
    private static void closeQuietly(CompletableFuture<? extends AutoCloseable>... futures) {
        for (CompletableFuture<? extends AutoCloseable> future : futures) {
            try {
                AutoCloseable stand = future.join();
                if (stand != null) {
                    stand.close();
                }
            } catch (Exception ignored) {
                // the one that failed has nothing to close; the others are best-effort
            }
        }
    }

    @Override
    public String toString() {
        return "LocalCloud" + environment();
    }
}
