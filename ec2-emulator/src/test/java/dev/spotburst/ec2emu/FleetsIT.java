package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateFleet (instant/maintain), DescribeFleets, DescribeFleetInstances, ModifyFleet, DeleteFleets. */
class FleetsIT extends EmulatorFixture {

    private CreateFleetResponse instant(int total, String tok) {
        return ec2.createFleet(r -> r.type(FleetType.INSTANT).clientToken(tok)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateId("lt-0123456789abcdef0").version("$Latest"))
                        .overrides(o -> o.instanceType(InstanceType.M5_LARGE).subnetId("subnet-a").priority(1.0),
                                o -> o.instanceType(InstanceType.C5_LARGE).subnetId("subnet-b").priority(2.0)))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(total).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT))
                .spotOptions(s -> s.allocationStrategy(SpotAllocationStrategy.CAPACITY_OPTIMIZED_PRIORITIZED))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.FLEET).tags(Tag.builder().key("job").value("j-1").build()).build(),
                        TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("node").value("n1").build()).build()));
    }

    @Test
    void instantFleetFallsThroughPoolsAndReportsErrors() {
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 1);
        emu.control().setCapacity("c5.large", "us-east-1b", "spot", 1);
        CreateFleetResponse f = instant(3, null);
        assertThat(f.instances()).extracting(CreateFleetInstance::instanceTypeAsString).containsExactly("m5.large", "c5.large");
        assertThat(f.instances().get(0).lifecycle()).isEqualTo(InstanceLifecycle.SPOT);
        assertThat(f.errors()).extracting(CreateFleetError::errorCode).containsOnly("InsufficientInstanceCapacity");
        assertThat(f.errors().get(0).launchTemplateAndOverrides().overrides().subnetId()).isNotNull();
        String iid = f.instances().get(0).instanceIds().get(0);
        InstanceView v = emu.control().instance(iid);
        assertThat(v.tags()).containsEntry("node", "n1").containsEntry("aws:ec2:fleet-id", f.fleetId());
        DescribeFleetsResponse d = ec2.describeFleets(r -> r.fleetIds(f.fleetId()));
        FleetData fd = d.fleets().get(0);
        assertThat(fd.type()).isEqualTo(FleetType.INSTANT);
        assertThat(fd.instances()).hasSize(2);
        assertThat(fd.tags()).extracting(Tag::key).containsExactly("job");
        assertThat(fd.launchTemplateConfigs().get(0).overrides()).hasSize(2);
        assertThat(instant(3, null).errors()).isNotEmpty();
    }

    @Test
    void instantFleetErrorSetCarriesSpotLimitAndPriceCodes() {
        emu.close();
        emu = Ec2Emulator.start(options().clock(clock).maxSpotInstances(1).build());
        ec2 = client(software.amazon.awssdk.core.retry.RetryPolicy.none());
        CreateFleetResponse limited = instant(2, null);
        assertThat(limited.instances()).flatExtracting(CreateFleetInstance::instanceIds).hasSize(1);
        assertThat(limited.errors()).extracting(CreateFleetError::errorCode).contains("MaxSpotInstanceCountExceeded");

        CreateFleetResponse cheap = ec2.createFleet(r -> r.type(FleetType.INSTANT)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(sp -> sp.launchTemplateName("compute"))
                        .overrides(o -> o.subnetId("subnet-a").maxPrice("0.0001")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT)));
        assertThat(cheap.instances()).isEmpty();
        assertThat(cheap.errors()).extracting(CreateFleetError::errorCode).contains("SpotMaxPriceTooLow");
    }

    @Test
    void instantFleetClientTokenAndDelete() {
        CreateFleetResponse a = instant(2, "tok-1");
        CreateFleetResponse b = instant(2, "tok-1");
        assertThat(b.fleetId()).isEqualTo(a.fleetId());
        assertThat(b.instances()).isEqualTo(a.instances());
        DeleteFleetsResponse del = ec2.deleteFleets(r -> r.fleetIds(a.fleetId(), "fleet-00000000-0000-0000-0000-000000000000", "bad").terminateInstances(true));
        assertThat(del.successfulFleetDeletions().get(0).currentFleetState()).isEqualTo(FleetStateCode.DELETED_TERMINATING);
        assertThat(del.unsuccessfulFleetDeletions()).extracting(u -> u.error().codeAsString())
                .containsExactly("fleetIdDoesNotExist", "fleetIdMalformed");
        emu.control().tick();
        assertThat(ec2.describeFleets(r -> r.fleetIds(a.fleetId())).fleets().get(0).fleetState()).isEqualTo(FleetStateCode.DELETED);
        assertThat(emu.control().instances()).allMatch(i -> i.state().equals("terminated"));
    }

    @Test
    void deleteFleetsLimits() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            ids.add(instant(1, null).fleetId());
        }
        ec2Error(() -> ec2.deleteFleets(r -> r.fleetIds(ids).terminateInstances(true)), "InvalidParameterValue");
        assertThat(ec2.deleteFleets(r -> r.fleetIds(ids.subList(0, 25)).terminateInstances(true)).successfulFleetDeletions()).hasSize(25);
    }

    @Test
    void maintainFleetReplenishesAndModifyFleetShrinks() {
        CreateFleetResponse f = ec2.createFleet(r -> r.type(FleetType.MAINTAIN)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute"))
                        .overrides(o -> o.instanceType(InstanceType.M5_LARGE).availabilityZone("us-east-1c")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(3).onDemandTargetCapacity(1).spotTargetCapacity(2)
                        .defaultTargetCapacityType(DefaultTargetCapacityType.SPOT)));
        assertThat(f.instances()).isEmpty();
        emu.control().tick();
        var active = ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances();
        assertThat(active).hasSize(3);
        ec2.terminateInstances(r -> r.instanceIds(active.get(0).instanceId()));
        emu.control().tick();
        assertThat(ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances()).hasSize(3)
                .extracting(ActiveInstance::instanceId).doesNotContain(active.get(0).instanceId());
        ModifyFleetResponse m = ec2.modifyFleet(r -> r.fleetId(f.fleetId()).excessCapacityTerminationPolicy(FleetExcessCapacityTerminationPolicy.TERMINATION)
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).spotTargetCapacity(0).onDemandTargetCapacity(1)));
        assertThat(m.returnValue()).isTrue();
        emu.control().tick();
        assertThat(ec2.describeFleetInstances(r -> r.fleetId(f.fleetId())).activeInstances()).hasSize(1);
        FleetData fd = ec2.describeFleets(r -> r.fleetIds(f.fleetId())).fleets().get(0);
        assertThat(fd.fulfilledCapacity()).isEqualTo(1.0);
        assertThat(fd.activityStatus()).isEqualTo(FleetActivityStatus.FULFILLED);
        assertThat(eventsOfType("EC2 Fleet State Change")).anyMatch(e -> e.contains("\"sub-type\":\"active\""));
    }

    @Test
    void fleetErrorPaths() {
        ec2Error(() -> ec2.describeFleets(r -> r.fleetIds("fleet-00000000-0000-0000-0000-000000000000")), "InvalidFleetId.NotFound");
        ec2Error(() -> ec2.describeFleetInstances(r -> r.fleetId("fleet-00000000-0000-0000-0000-000000000000")), "InvalidFleetId.NotFound");
        ec2Error(() -> ec2.createFleet(r -> r.type(FleetType.INSTANT)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("nope")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "InvalidLaunchTemplateName.NotFoundException");
        ec2Error(() -> ec2.createFleet(r -> r.type(FleetType.INSTANT)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute")).overrides(o -> o.subnetId("subnet-nope")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "InvalidSubnetID.NotFound");
        ec2Error(() -> ec2.createFleet(r -> r.type(FleetType.INSTANT)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute")))
                .spotOptions(s -> s.instanceInterruptionBehavior(SpotInstanceInterruptionBehavior.STOP))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "InvalidParameterCombination");
        ec2Error(() -> ec2.createFleet(r -> r.type(FleetType.INSTANT)
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1))), "MissingParameter");
        String id = instant(1, null).fleetId();
        ec2Error(() -> ec2.modifyFleet(r -> r.fleetId(id).targetCapacitySpecification(t -> t.totalTargetCapacity(2))), "UnsupportedOperation");
        ec2Error(() -> ec2.describeFleetHistory(r -> r.fleetId(id)), "MissingParameter");
    }
}
