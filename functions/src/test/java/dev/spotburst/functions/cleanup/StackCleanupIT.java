package dev.spotburst.functions.cleanup;

import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;
import dev.spotburst.ec2emu.InstanceView;
import dev.spotburst.ec2emu.LaunchTemplateSpec;
import dev.spotburst.ec2emu.ManualClock;
import dev.spotburst.ec2emu.SubnetSpec;
import dev.spotburst.ec2emu.ThrottleSpec;
import dev.spotburst.functions.cleanup.aws.Ec2CleanupAdapter;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.handlers.StackCleanupHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The cleanup against the EC2 emulator with the real SDK client, driven as the Provider framework drives it. */
class StackCleanupIT {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration QUERY_INTERVAL = Duration.ofSeconds(30);
    /** totalTimeout 30 min / query interval 30 s. */
    private static final int MAX_POLLS = 60;

    private Ec2Emulator emu;
    private Ec2Client ec2;
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger backoffs = new AtomicInteger();
    private final List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        emu = Ec2Emulator.start(Ec2EmulatorOptions.builder().idSeed(7).clock(new ManualClock(T0))
                .launchTemplate(new LaunchTemplateSpec("lt-0123456789abcdef0", "compute", "ami-0abc", "m5.large", true,
                        Map.of()))
                .subnet(SubnetSpec.of("subnet-a", "us-east-1a", "10.0.1.0/24"))
                .subnet(SubnetSpec.of("subnet-b", "us-east-1b", "10.0.2.0/24"))
                // Instances spend time in shutting-down, as on EC2, so isComplete has to wait for them.
                .shuttingDownToTerminated(Duration.ofSeconds(20))
                .build());
        ec2 = Ec2Client.builder().endpointOverride(emu.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    @AfterEach
    void stop() {
        ec2.close();
        emu.close();
    }

    /** Backoff sleeps move the emulator's clock (its throttle bucket refills with emulator time): no real waiting. */
    private ThrottleRetry retry() {
        return new ThrottleRetry(Duration.ofMillis(500), Duration.ofSeconds(8), 6, millis -> {
            backoffs.incrementAndGet();
            emu.control().advance(Duration.ofMillis(millis));
        }, bound -> bound);
    }

    private StackCleanupHandler handler(Ec2Client client) {
        return new StackCleanupHandler(new StackCleanup(region -> new Ec2CleanupAdapter(client, retry()),
                (rules, fns) -> {
                    stopped.addAll(rules);
                    stopped.addAll(fns);
                    return List.of();
                }, clock), () -> "us-east-1");
    }

    private void nextPoll(int invocation) {
        clock.advance(QUERY_INTERVAL);
        emu.control().advance(QUERY_INTERVAL);
    }

    private static List<Tag> clusterTags(String cluster) {
        return List.of(Tag.builder().key("spotburst:cluster").value(cluster).build(),
                Tag.builder().key("Name").value(cluster + "-node").build());
    }

    private static TagSpecification tags(ResourceType type, String cluster) {
        return TagSpecification.builder().resourceType(type).tags(clusterTags(cluster)).build();
    }

    private void fleet(String cluster, FleetType type, int capacity, DefaultTargetCapacityType market, String subnet) {
        ec2.createFleet(r -> r.type(type)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute").version("$Latest"))
                        .overrides(o -> o.instanceType(InstanceType.C5_LARGE).subnetId(subnet)))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(capacity).defaultTargetCapacityType(market))
                .tagSpecifications(tags(ResourceType.FLEET, cluster), tags(ResourceType.INSTANCE, cluster)));
    }

    private String persistentHibernating(String cluster, String subnet) {
        return ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("compute").version("$Latest"))
                .minCount(1).maxCount(1).subnetId(subnet)
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(SpotInstanceType.PERSISTENT)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.HIBERNATE)))
                .tagSpecifications(tags(ResourceType.INSTANCE, cluster), tags(ResourceType.SPOT_INSTANCES_REQUEST, cluster)))
                .instances().getFirst().instanceId();
    }

    private void onDemand(String cluster, int count) {
        ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("compute").version("$Latest"))
                .minCount(count).maxCount(count).subnetId("subnet-b")
                .tagSpecifications(tags(ResourceType.INSTANCE, cluster)));
    }

    private List<InstanceView> instancesOf(String cluster) {
        return emu.control().instances().stream().filter(i -> cluster.equals(i.tags().get("spotburst:cluster"))).toList();
    }

    private List<String> liveStatesOf(String cluster) {
        return instancesOf(cluster).stream().map(InstanceView::state).filter(s -> !s.equals("terminated")).toList();
    }

    private List<String> requestStatesOf(String cluster) {
        return ec2.describeSpotInstanceRequests(r -> r.filters(f -> f.name("tag:spotburst:cluster").values(cluster)))
                .spotInstanceRequests().stream().map(s -> s.stateAsString()).toList();
    }

    private List<String> fleetStatesOf(String cluster) {
        return ec2.describeFleets(r -> r.filters(f -> f.name("tag:spotburst:cluster").values(cluster)))
                .fleets().stream().map(f -> f.fleetStateAsString()).toList();
    }

    /** Our cluster: instant-fleet instances, hibernated instances of persistent requests, a maintain fleet; and another cluster. */
    private void populate() {
        fleet("demo", FleetType.INSTANT, 3, DefaultTargetCapacityType.ON_DEMAND, "subnet-b");
        fleet("demo", FleetType.MAINTAIN, 2, DefaultTargetCapacityType.ON_DEMAND, "subnet-b");
        List<String> hibernating = List.of(persistentHibernating("demo", "subnet-a"), persistentHibernating("demo", "subnet-a"),
                persistentHibernating("demo", "subnet-a"));
        emu.control().tick();
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 0);
        hibernating.forEach(emu.control()::interrupt);
        emu.control().tick();
        assertThat(hibernating).allSatisfy(id -> {
            assertThat(emu.control().instance(id).state()).isEqualTo("stopped");
            assertThat(emu.control().instance(id).hibernated()).isTrue();
        });
        // Capacity comes back mid-delete: the open persistent requests would restart them if not cancelled first.
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 50);
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 0);

        onDemand("other", 2);
        persistentHibernating("other", "subnet-b");
        fleet("other", FleetType.MAINTAIN, 1, DefaultTargetCapacityType.ON_DEMAND, "subnet-b");
        emu.control().tick();
        assertThat(liveStatesOf("demo")).hasSize(8);
        assertThat(liveStatesOf("other")).hasSize(4).containsOnly("running");
    }

    private void assertOtherClusterUntouched() {
        assertThat(liveStatesOf("other")).hasSize(4).containsOnly("running");
        assertThat(requestStatesOf("other")).containsExactly("active");
        assertThat(fleetStatesOf("other")).containsExactly("active");
    }

    private void assertOurClusterGone() {
        assertThat(liveStatesOf("demo")).isEmpty();
        assertThat(requestStatesOf("demo")).doesNotContain("open", "active", "disabled");
        assertThat(fleetStatesOf("demo")).allMatch(s -> s.startsWith("deleted"));
    }

    @Test
    void deleteRemovesEverythingOfTheClusterAndNothingElse() {
        populate();
        var outcome = ProviderSimulation.delete(handler(ec2), CleanupEvents.load("delete"), MAX_POLLS, this::nextPoll);

        assertThat(outcome.responses()).containsExactly("SUCCESS");
        // Settle time 180 s at 30 s per poll: complete on the 6th or 7th isComplete.
        assertThat(outcome.invocations()).isBetween(7, 9);
        assertThat(stopped).contains("demo-reconcile-schedule", "demo-power-save-requests");
        assertOurClusterGone();
        assertOtherClusterUntouched();
    }

    @Test
    void launchesRacingTheDeleteAreCaughtByLaterSweeps() throws Exception {
        populate();
        var keepLaunching = new AtomicBoolean(true);
        var firstLaunches = new CountDownLatch(3);
        var launched = new AtomicInteger();
        Thread launcher = new Thread(() -> {
            for (int k = 0; k < 200 && keepLaunching.get(); k++) {
                if (k % 2 == 0) {
                    onDemand("demo", 1);
                } else {
                    persistentHibernating("demo", "subnet-b");
                }
                launched.incrementAndGet();
                firstLaunches.countDown();
            }
        }, "racing-launcher");
        launcher.start();
        assertThat(firstLaunches.await(30, TimeUnit.SECONDS)).isTrue();

        // The racing thread stops after the onEvent and the first isComplete poll (launch paths have been stopped).
        var outcome = ProviderSimulation.delete(handler(ec2), CleanupEvents.load("delete"), MAX_POLLS, invocation -> {
            if (invocation == 2) {
                keepLaunching.set(false);
                try {
                    launcher.join(30_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            nextPoll(invocation);
        });

        assertThat(launcher.isAlive()).isFalse();
        assertThat(launched.get()).isGreaterThanOrEqualTo(3);
        assertThat(outcome.responses()).containsExactly("SUCCESS");
        assertOurClusterGone();
        assertOtherClusterUntouched();
    }

    @Test
    void aThrottledEc2StillConverges() {
        populate();
        emu.control().setThrottle(ThrottleSpec.global(1, 2));
        var outcome = ProviderSimulation.delete(handler(ec2), CleanupEvents.load("delete"), MAX_POLLS, this::nextPoll);
        emu.control().setThrottle(ThrottleSpec.disabled());

        assertThat(outcome.responses()).containsExactly("SUCCESS");
        assertThat(backoffs.get()).as("RequestLimitExceeded was met and backed off from").isPositive();
        assertOurClusterGone();
        assertOtherClusterUntouched();
    }

    @Test
    void anUnrecoverableErrorIsExactlyOneFailureNamingTheInstanceAndCode() {
        populate();
        var deny = new AtomicBoolean(false);
        var calls = new AtomicInteger();
        Ec2Client denying = (Ec2Client) Proxy.newProxyInstance(Ec2Client.class.getClassLoader(), new Class<?>[] {Ec2Client.class},
                (proxy, method, args) -> {
                    calls.incrementAndGet();
                    if (deny.get() && method.getName().equals("terminateInstances")) {
                        throw Ec2Exception.builder().statusCode(403).message("not authorized")
                                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation")
                                        .errorMessage("You are not authorized to perform this operation.").build())
                                .build();
                    }
                    try {
                        return method.invoke(ec2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        // onEvent sweeps fine; then a launch lands and terminating it is refused (e.g. its tag is missing from the policy).
        var outcome = ProviderSimulation.delete(handler(denying), CleanupEvents.load("delete"), MAX_POLLS, invocation -> {
            if (invocation == 1) {
                onDemand("demo", 1);
                deny.set(true);
            }
            nextPoll(invocation);
        });

        assertThat(outcome.responses()).containsExactly("FAILED");
        assertThat(outcome.invocations()).isEqualTo(2);
        assertThat(outcome.reason()).startsWith("cleanup of cluster 'demo' in us-east-1 failed: TerminateInstances i-")
                .endsWith(": UnauthorizedOperation (You are not authorized to perform this operation.)");
        assertThat(calls.get()).isLessThan(50);
        assertOtherClusterUntouched();
    }

    @Test
    void instancesThatNeverFinishShuttingDownFailBeforeTheFrameworkTimesOut() {
        onDemand("demo", 1);
        emu.control().tick();
        // Time stands still for the emulator: the instance stays shutting-down forever.
        var outcome = ProviderSimulation.delete(handler(ec2), CleanupEvents.load("delete"), MAX_POLLS,
                invocation -> clock.advance(QUERY_INTERVAL));
        assertThat(outcome.responses()).containsExactly("FAILED");
        assertThat(outcome.reason()).contains("not finished").contains("await 1 shutting-down (i-");
        assertThat(outcome.invocations()).isLessThan(MAX_POLLS + 1);
    }
}
