package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Interruption scenarios that spotburst's design depends on (EC2 User Guide, "Stop interrupted Spot Instances"). */
class SpotScenariosIT extends EmulatorFixture {

    private Instance persistentHibernating() {
        return ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("compute").version("$Latest"))
                .minCount(1).maxCount(1).subnetId("subnet-a")
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(SpotInstanceType.PERSISTENT)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.HIBERNATE)))).instances().get(0);
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private SpotInstanceRequest request(String id) {
        return ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(id)).spotInstanceRequests().get(0);
    }

    @Test
    void hibernateInterruptionKeepsIdAndIpAndPersistentRequestRestartsSameInstance() {
        Instance i = persistentHibernating();
        emu.control().tick();
        assertThat(i.instanceLifecycle()).isEqualTo(InstanceLifecycleType.SPOT);
        String sir = i.spotInstanceRequestId();
        assertThat(request(sir).state()).isEqualTo(SpotInstanceState.ACTIVE);

        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 0);
        emu.control().interrupt(i.instanceId());
        assertThat(eventsOfType("EC2 Spot Instance Interruption Warning")).singleElement()
                .satisfies(e -> assertThat(e).contains("\"instance-action\":\"hibernate\"").contains(i.instanceId()));
        emu.control().tick();
        Instance stopped = describe(i.instanceId());
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(stopped.stateReason().code()).isEqualTo("Server.SpotInstanceShutdown");
        assertThat(request(sir).status().code()).isEqualTo("instance-stopped-no-capacity");
        assertThat(request(sir).state()).isEqualTo(SpotInstanceState.OPEN);
        ec2Error(() -> ec2.startInstances(r -> r.instanceIds(i.instanceId())), "IncorrectSpotRequestState");

        emu.control().advance(Duration.ofMinutes(30));
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.STOPPED);

        emu.control().restoreCapacity("m5.large", "us-east-1a", "spot", 5);
        emu.control().tick();
        Instance back = describe(i.instanceId());
        assertThat(back.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(back.privateIpAddress()).isEqualTo(i.privateIpAddress());
        assertThat(request(sir).instanceId()).isEqualTo(i.instanceId());
        assertThat(request(sir).status().code()).isEqualTo("fulfilled");
        assertThat(emu.control().instances()).hasSize(1);
        assertThat(eventsOfType("EC2 Instance State-change Notification")).extracting(e -> e.replaceAll(".*\"state\":\"([a-z-]+)\".*", "$1"))
                .containsExactly("pending", "running", "stopping", "stopped", "pending", "running");
    }

    @Test
    void stopInterruptionKeepsIdIpAndVolumeWithoutHibernatingAndRestartsWhenCapacityReturns() {
        Instance i = ec2.runInstances(r -> r.imageId("ami-0abc").instanceType(InstanceType.M5_LARGE).minCount(1).maxCount(1)
                .subnetId("subnet-a").instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(SpotInstanceType.PERSISTENT)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.STOP)))).instances().get(0);
        emu.control().tick();
        String sir = i.spotInstanceRequestId();
        assertThat(request(sir).instanceInterruptionBehavior()).isEqualTo(InstanceInterruptionBehavior.STOP);

        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 0);
        emu.control().interrupt(i.instanceId());
        assertThat(eventsOfType("EC2 Spot Instance Interruption Warning")).singleElement()
                .satisfies(e -> assertThat(e).contains("\"instance-action\":\"stop\""));
        emu.control().advance(Duration.ofMinutes(2));
        Instance stopped = describe(i.instanceId());
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(stopped.stateReason().code()).isEqualTo("Server.SpotInstanceShutdown");
        assertThat(emu.control().instance(i.instanceId()).hibernated()).isFalse();
        assertThat(request(sir).state()).isEqualTo(SpotInstanceState.OPEN);

        emu.control().restoreCapacity("m5.large", "us-east-1a", "spot", 1);
        emu.control().tick();
        Instance back = describe(i.instanceId());
        assertThat(back.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(back.privateIpAddress()).isEqualTo(i.privateIpAddress());
        assertThat(back.blockDeviceMappings().get(0).ebs().volumeId()).isEqualTo(i.blockDeviceMappings().get(0).ebs().volumeId());
        assertThat(emu.control().instances()).hasSize(1);
    }

    @Test
    void terminateInterruptionComesTwoMinutesAfterTheWarning() {
        Instance i = ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-a")
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT))).instances().get(0);
        emu.control().tick();
        emu.control().rebalance(i.instanceId());
        emu.control().interrupt(i.instanceId());
        emu.control().advance(Duration.ofSeconds(119));
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);
        emu.control().advance(Duration.ofSeconds(1));
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(request(i.spotInstanceRequestId()).state()).isEqualTo(SpotInstanceState.CLOSED);
        assertThat(eventsOfType("EC2 Instance Rebalance Recommendation")).hasSize(1);
    }

    @Test
    void cancellingPersistentRequestDoesNotTerminateInstance() {
        Instance i = persistentHibernating();
        CancelSpotInstanceRequestsResponse c = ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(i.spotInstanceRequestId()));
        assertThat(c.cancelledSpotInstanceRequests().get(0).state()).isEqualTo(CancelSpotInstanceRequestState.CANCELLED);
        emu.control().tick();
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(request(i.spotInstanceRequestId()).status().code()).isEqualTo("request-canceled-and-instance-running");
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        emu.control().tick();
        assertThat(emu.control().instances()).hasSize(1);
        ec2Error(() -> ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-nothere")), "InvalidSpotInstanceRequestID.NotFound");
    }

    @Test
    void terminatingInstanceOfOpenPersistentRequestLaunchesANewOne() {
        Instance i = persistentHibernating();
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        emu.control().tick();
        SpotInstanceRequest r = request(i.spotInstanceRequestId());
        assertThat(r.instanceId()).isNotEqualTo(i.instanceId());
        assertThat(r.state()).isEqualTo(SpotInstanceState.ACTIVE);
    }

    @Test
    void maintainFleetReplacesStoppedInstanceWithANewOne() {
        CreateFleetResponse f = ec2.createFleet(r -> r.type(FleetType.MAINTAIN)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute").version("$Latest"))
                        .overrides(o -> o.instanceType(InstanceType.M5_LARGE).subnetId("subnet-a"),
                                o -> o.instanceType(InstanceType.C5_LARGE).subnetId("subnet-b")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT))
                .spotOptions(s -> s.instanceInterruptionBehavior(SpotInstanceInterruptionBehavior.HIBERNATE)));
        emu.control().tick();
        String first = ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances().get(0).instanceId();
        InstanceView firstView = emu.control().instance(first);
        emu.control().interruptPool(firstView.instanceType(), firstView.availabilityZone());
        emu.control().tick();
        assertThat(emu.control().instance(first).state()).isEqualTo("stopped");
        assertThat(emu.control().instance(first).hibernated()).isTrue();
        var active = ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances();
        assertThat(active).singleElement().satisfies(a -> assertThat(a.instanceId()).isNotEqualTo(first));
        emu.control().restoreCapacity(firstView.instanceType(), firstView.availabilityZone(), "spot", 10);
        emu.control().tick();
        assertThat(emu.control().instance(first).state()).isEqualTo("stopped");
        assertThat(eventsOfType("EC2 Fleet Instance Change")).anyMatch(e -> e.contains("termination_notified"))
                .allMatch(e -> e.contains("\"source\":\"aws.ec2fleet\""));
        var history = ec2.describeFleetHistory(r -> r.fleetId(f.fleetId()).startTime(java.time.Instant.EPOCH));
        assertThat(history.historyRecords()).extracting(h -> h.eventInformation().eventSubType())
                .contains("submitted", "active", "launched", "termination_notified");
    }

    @Test
    void requestFleetDoesNotReplenish() {
        CreateFleetResponse f = ec2.createFleet(r -> r.type(FleetType.REQUEST)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateId("lt-0123456789abcdef0"))
                        .overrides(o -> o.subnetId("subnet-a")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(2).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT)));
        emu.control().tick();
        var active = ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances();
        assertThat(active).hasSize(2);
        emu.control().interrupt(active.get(0).instanceId());
        emu.control().advance(Duration.ofMinutes(3));
        assertThat(ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances()).hasSize(1);
    }

    @Test
    void throttlingIsRequestLimitExceededWith503AndClassifiedAsThrottling() {
        emu.control().setThrottle(ThrottleSpec.global(0, 2));
        ec2.describeInstances();
        ec2.describeInstances();
        Ec2Exception e = ec2Error(() -> ec2.describeInstances(), "RequestLimitExceeded");
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.isThrottlingException()).isTrue();
        emu.control().setThrottle(ThrottleSpec.perAction(1, 1));
        ec2.describeSubnets();
        ec2.describeInstances();
        ec2Error(() -> ec2.describeInstances(), "RequestLimitExceeded");
        emu.control().advance(Duration.ofSeconds(1));
        ec2.describeInstances();
        // The SDK's own retries also end in the same code.
        try (var retrying = client(software.amazon.awssdk.core.retry.RetryPolicy.builder().numRetries(2).build())) {
            ec2Error(() -> retrying.describeInstances(), "RequestLimitExceeded");
        }
        assertThat(emu.control().callCounts().get("DescribeInstances")).isGreaterThanOrEqualTo(8);
    }
}
