package dev.spotburst.localruntime;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;
import dev.spotburst.localcloud.LocalClients;
import dev.spotburst.localcloud.LocalCloud;
import dev.spotburst.localcloud.LocalCloudOptions;
import dev.spotburst.localruntime.demo.EmulatorSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's EventBridge rules, locally: an interruption the EC2 emulator performs reaches the real
 * {@code Ec2EventHandler}, and a hibernate-behaviour warning (only that) starts the {@code hibernation} state machine,
 * whose Status task runs in the real {@code WorkflowTaskHandler}. The instances are launched outside spotburst,
 * so the handler ignores them and the workflow ends at its first poll (NotOurs).
 */
class Ec2EventRoutingIT {
    static final List<String> PROPERTIES = List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey");
    static final Map<String, String> saved = new HashMap<>();
    static ClusterConfig config;
    static LocalCloud cloud;
    static LocalControlPlane controlPlane;
    static Ec2Client ec2;

    @BeforeAll
    static void start() {
        config = ExampleConfig.load();
        PROPERTIES.forEach(k -> saved.put(k, System.getProperty(k)));
        System.setProperty("aws.region", EmulatorSeed.region(config));
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        var seed = EmulatorSeed.options(config, OfflineInstanceTypeCatalog.load(), 100, Duration.ZERO, Duration.ZERO);
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withRegion(seed.region()).withEc2(seed));
        controlPlane = LocalControlPlane.start(cloud, config, LocalControlPlane.Options.defaults()
                .withWorkflowWait(Duration.ofMillis(100)).withClock(Clock.systemUTC()));
        ec2 = LocalClients.ec2(cloud);
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void interruptionEventsReachTheHandlerAndOnlyHibernateWarningsStartTheWorkflow() {
        String hibernating = spot("m6i.2xlarge", InstanceInterruptionBehavior.HIBERNATE, SpotInstanceType.PERSISTENT);
        String terminating = spot("c6i.4xlarge", InstanceInterruptionBehavior.TERMINATE, SpotInstanceType.ONE_TIME);
        long before = controlPlane.eventRouting().ec2EventsHandled();

        cloud.ec2Emulator().orElseThrow().control().interrupt(terminating);
        cloud.ec2Emulator().orElseThrow().control().interrupt(hibernating);

        waitFor(() -> controlPlane.eventRouting().workflows().size() == 1 && controlPlane.eventsIdle());
        var routing = controlPlane.eventRouting();
        // Two warnings plus the hibernating instance's stopping/stopped (its notice is immediate).
        assertThat(routing.ec2EventsHandled() - before).isGreaterThanOrEqualTo(4);
        assertThat(routing.ec2EventsDeadLettered()).isZero();
        assertThat(routing.ec2EventResults()).containsKey("Ignore");
        assertThat(routing.workflowsStarted()).isEqualTo(1);
        var execution = routing.workflows().getFirst();
        assertThat(execution.instanceId()).isEqualTo(hibernating);
        assertThat(execution.status()).isEqualTo("SUCCEEDED");
        assertThat(execution.endState()).isEqualTo("NotOurs");
        assertThat(execution.polls()).isEqualTo(1);
        assertThat(cloud.eventBus().rules()).extracting(r -> r.name()).contains("genomics-spot-interruption",
                "genomics-rebalance", "genomics-instance-state-change", "genomics-hibernation-workflow");
    }

    private static String spot(String type, InstanceInterruptionBehavior behavior, SpotInstanceType requestType) {
        return ec2.runInstances(r -> r.imageId("ami-12345678").instanceType(type).minCount(1).maxCount(1)
                .subnetId("subnet-0a1b2c3d")
                .hibernationOptions(h -> h.configured(behavior == InstanceInterruptionBehavior.HIBERNATE))
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(requestType).instanceInterruptionBehavior(behavior))))
                .instances().getFirst().instanceId();
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s; routing " + controlPlane.eventRouting())
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
