package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EBS root volumes through the real SDK: DescribeVolumes, Attach/Detach/DeleteVolume, ModifyInstanceAttribute
 * (DeleteOnTermination), the hibernation image on the root volume, and the Spot rules rescue depends on.
 */
class VolumesIT extends EmulatorFixture {

    private Instance onDemand(String subnet) {
        return ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("compute")).minCount(1).maxCount(1)
                .subnetId(subnet)).instances().get(0);
    }

    private Instance spotHibernating() {
        return ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("compute")).minCount(1).maxCount(1)
                .subnetId("subnet-a").instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(s -> s
                        .spotInstanceType(SpotInstanceType.PERSISTENT)
                        .instanceInterruptionBehavior(InstanceInterruptionBehavior.HIBERNATE)))).instances().get(0);
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private Volume volume(String id) {
        return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    }

    private String root(Instance i) {
        return i.blockDeviceMappings().stream().filter(b -> b.deviceName().equals(i.rootDeviceName())).findFirst()
                .orElseThrow().ebs().volumeId();
    }

    private void stop(String id, boolean hibernate) {
        ec2.stopInstances(r -> r.instanceIds(id).hibernate(hibernate));
        emu.control().tick();
    }

    @Test
    void everyInstanceGetsARootVolumeThatTerminationDeletes() {
        Instance i = onDemand("subnet-a");
        emu.control().tick();
        Instance d = describe(i.instanceId());
        assertThat(d.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(d.blockDeviceMappings()).singleElement().satisfies(b -> {
            assertThat(b.deviceName()).isEqualTo("/dev/xvda");
            assertThat(b.ebs().volumeId()).matches("vol-[0-9a-f]{17}");
            assertThat(b.ebs().deleteOnTermination()).isTrue();
        });
        Volume v = volume(root(d));
        assertThat(v.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(v.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(v.size()).isEqualTo(8);
        assertThat(v.attachments()).singleElement().satisfies(a -> {
            assertThat(a.instanceId()).isEqualTo(i.instanceId());
            assertThat(a.device()).isEqualTo("/dev/xvda");
            assertThat(a.state()).isEqualTo(VolumeAttachmentState.ATTACHED);
        });
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                .values(i.instanceId()).build())).volumes()).extracting(Volume::volumeId).containsExactly(v.volumeId());

        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        emu.control().tick();
        ec2Error(() -> volume(v.volumeId()), "InvalidVolume.NotFound");
    }

    @Test
    void rootVolumeMovesOnlyBetweenStoppedInstancesOfOneZone() {
        Instance a = onDemand("subnet-a");
        Instance b = onDemand("subnet-a");
        Instance other = onDemand("subnet-b");
        emu.control().tick();
        String rootA = root(describe(a.instanceId()));
        String rootB = root(describe(b.instanceId()));

        ec2Error(() -> ec2.detachVolume(r -> r.volumeId(rootA)), "IncorrectState");
        stop(a.instanceId(), false);
        DetachVolumeResponse det = ec2.detachVolume(r -> r.volumeId(rootA).instanceId(a.instanceId()));
        assertThat(det.state()).isEqualTo(VolumeAttachmentState.DETACHING);
        assertThat(det.device()).isEqualTo("/dev/xvda");
        assertThat(volume(rootA).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(volume(rootA).attachments()).isEmpty();
        ec2Error(() -> ec2.detachVolume(r -> r.volumeId(rootA)), "IncorrectState");
        Ec2Exception noRoot = ec2Error(() -> ec2.startInstances(r -> r.instanceIds(a.instanceId())), "InvalidParameterValue");
        assertThat(noRoot.awsErrorDetails().errorMessage()).contains("does not have a volume attached at root");

        ec2Error(() -> ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("/dev/sdf")
                .volumeId("vol-0000000000000dead")), "InvalidVolume.NotFound");
        ec2Error(() -> ec2.attachVolume(r -> r.volumeId("vol-x").instanceId(b.instanceId()).device("/dev/sdf")),
                "InvalidVolumeID.Malformed");
        ec2Error(() -> ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("/dev/xvda")),
                "IncorrectState");
        ec2Error(() -> ec2.attachVolume(r -> r.volumeId(rootA).instanceId(other.instanceId()).device("/dev/sdf")),
                "InvalidVolume.ZoneMismatch");
        ec2Error(() -> ec2.attachVolume(r -> r.volumeId(rootB).instanceId(b.instanceId()).device("/dev/sdf")),
                "VolumeInUse");
        ec2Error(() -> ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("bogus")),
                "InvalidParameterValue");
        stop(b.instanceId(), false);
        ec2Error(() -> ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("/dev/xvda")),
                "InvalidParameterValue");
        ec2Error(() -> ec2.deleteVolume(r -> r.volumeId(rootB)), "VolumeInUse");

        ec2.detachVolume(r -> r.volumeId(rootB));
        AttachVolumeResponse att = ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("/dev/xvda"));
        assertThat(att.state()).isEqualTo(VolumeAttachmentState.ATTACHING);
        assertThat(att.deleteOnTermination()).isFalse();
        assertThat(describe(b.instanceId()).blockDeviceMappings()).singleElement()
                .satisfies(m -> assertThat(m.ebs().deleteOnTermination()).isFalse());
        ec2.modifyInstanceAttribute(r -> r.instanceId(b.instanceId()).blockDeviceMappings(m -> m.deviceName("/dev/xvda")
                .ebs(e -> e.deleteOnTermination(true))));
        assertThat(describe(b.instanceId()).blockDeviceMappings().get(0).ebs().deleteOnTermination()).isTrue();
        ec2Error(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(b.instanceId()).blockDeviceMappings(m -> m
                .deviceName("/dev/sdz").ebs(e -> e.deleteOnTermination(true)))), "InvalidInstanceAttributeValue");

        ec2.deleteVolume(r -> r.volumeId(rootB));
        ec2Error(() -> volume(rootB), "InvalidVolume.NotFound");
        ec2.startInstances(r -> r.instanceIds(b.instanceId()));
        emu.control().tick();
        assertThat(describe(b.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);
        ec2.terminateInstances(r -> r.instanceIds(b.instanceId()));
        emu.control().tick();
        ec2Error(() -> volume(rootA), "InvalidVolume.NotFound");
    }

    @Test
    void aHibernationImageMovedToAnotherHibernatedInstanceOfTheSameTypeResumesThere() {
        Instance a = onDemand("subnet-a");
        Instance b = onDemand("subnet-a");
        emu.control().tick();
        String memoryA = emu.control().instance(a.instanceId()).memory();
        String rootA = root(describe(a.instanceId()));
        String rootB = root(describe(b.instanceId()));
        stop(a.instanceId(), true);
        assertThat(emu.control().volumes()).filteredOn(v -> v.volumeId().equals(rootA)).singleElement()
                .satisfies(v -> assertThat(v.hibernationImage()).isEqualTo(memoryA));
        stop(b.instanceId(), true);

        ec2.detachVolume(r -> r.volumeId(rootA));
        ec2.detachVolume(r -> r.volumeId(rootB));
        ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("/dev/xvda"));
        ec2.startInstances(r -> r.instanceIds(b.instanceId()));
        emu.control().tick();
        InstanceView resumed = emu.control().instance(b.instanceId());
        assertThat(resumed.state()).isEqualTo("running");
        assertThat(resumed.memory()).isEqualTo(memoryA);
        assertThat(resumed.resumedFromHibernation()).isTrue();
        assertThat(resumed.rootVolumeId()).isEqualTo(rootA);
        assertThat(emu.control().volumes()).filteredOn(v -> v.volumeId().equals(rootA)).singleElement()
                .satisfies(v -> assertThat(v.hibernationImage()).isNull());
    }

    @Test
    void aPlainStopDoesNotResumeAForeignImageTheJobMemoryIsLost() {
        Instance a = onDemand("subnet-a");
        Instance b = onDemand("subnet-a");
        emu.control().tick();
        String memoryA = emu.control().instance(a.instanceId()).memory();
        String rootA = root(describe(a.instanceId()));
        String rootB = root(describe(b.instanceId()));
        stop(a.instanceId(), true);
        stop(b.instanceId(), false);
        ec2.detachVolume(r -> r.volumeId(rootA));
        ec2.detachVolume(r -> r.volumeId(rootB));
        ec2.attachVolume(r -> r.volumeId(rootA).instanceId(b.instanceId()).device("/dev/xvda"));
        ec2.startInstances(r -> r.instanceIds(b.instanceId()));
        emu.control().tick();
        InstanceView cold = emu.control().instance(b.instanceId());
        assertThat(cold.memory()).isNotEqualTo(memoryA);
        assertThat(cold.resumedFromHibernation()).isFalse();
    }

    @Test
    void aSpotInstanceHibernatedByEc2CannotBeStartedButItsRootCanMoveOnceTheRequestIsCancelled() {
        Instance s = spotHibernating();
        emu.control().tick();
        String sir = s.spotInstanceRequestId();
        String root = root(describe(s.instanceId()));
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 0);
        emu.control().interrupt(s.instanceId());
        emu.control().tick();
        assertThat(describe(s.instanceId()).state().name()).isEqualTo(InstanceStateName.STOPPED);
        ec2Error(() -> ec2.startInstances(r -> r.instanceIds(s.instanceId())), "IncorrectSpotRequestState");

        ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(sir));
        ec2.detachVolume(r -> r.volumeId(root));
        emu.control().restoreCapacity("m5.large", "us-east-1a", "spot", 5);
        emu.control().tick();
        assertThat(describe(s.instanceId()).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(volume(root).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(emu.control().volumes()).filteredOn(v -> v.volumeId().equals(root)).singleElement()
                .satisfies(v -> assertThat(v.hibernationImage()).isNotNull());
        ec2.terminateInstances(r -> r.instanceIds(s.instanceId()));
        emu.control().tick();
        assertThat(volume(root).state()).as("a detached volume survives its old instance").isEqualTo(VolumeState.AVAILABLE);
    }

    @Test
    void ec2TerminatesASpotInstanceWhoseRootWasDetachedWhenItTriesToRestartIt() {
        Instance s = spotHibernating();
        emu.control().tick();
        String root = root(describe(s.instanceId()));
        emu.control().setCapacity("m5.large", "us-east-1a", "spot", 0);
        emu.control().interrupt(s.instanceId());
        emu.control().tick();
        ec2.detachVolume(r -> r.volumeId(root));
        emu.control().restoreCapacity("m5.large", "us-east-1a", "spot", 5);
        emu.control().tick();
        assertThat(emu.control().instance(s.instanceId()).state()).isIn("shutting-down", "terminated");
        assertThat(volume(root).state()).isEqualTo(VolumeState.AVAILABLE);
    }

    @Test
    void launchTemplateRootMappingShapesTheRootVolumeAndIsDescribed() {
        ec2.createLaunchTemplate(r -> r.launchTemplateName("encrypted-root").launchTemplateData(d -> d.imageId("ami-0abc")
                .instanceType(InstanceType.M5_LARGE).hibernationOptions(h -> h.configured(true))
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeSize(40).encrypted(true)
                        .deleteOnTermination(true).volumeType(VolumeType.GP3)))));
        LaunchTemplateVersion v = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("encrypted-root"))
                .launchTemplateVersions().get(0);
        assertThat(v.launchTemplateData().blockDeviceMappings()).singleElement().satisfies(b -> {
            assertThat(b.deviceName()).isEqualTo("/dev/xvda");
            assertThat(b.ebs().volumeSize()).isEqualTo(40);
            assertThat(b.ebs().encrypted()).isTrue();
        });
        Instance i = ec2.runInstances(r -> r.launchTemplate(l -> l.launchTemplateName("encrypted-root")).minCount(1)
                .maxCount(1).subnetId("subnet-a")).instances().get(0);
        Volume root = volume(root(i));
        assertThat(root.size()).isEqualTo(40);
        assertThat(root.encrypted()).isTrue();
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("encrypted").values("true").build()))
                .volumes()).extracting(Volume::volumeId).containsExactly(root.volumeId());
        ec2.createTags(r -> r.resources(root.volumeId()).tags(Tag.builder().key("k").value("v").build()));
        assertThat(volume(root.volumeId()).tags()).containsExactly(Tag.builder().key("k").value("v").build());
        ec2Error(() -> ec2.describeVolumes(r -> r.filters(Filter.builder().name("bogus").values("x").build())),
                "InvalidParameterValue");
        List<Volume> all = ec2.describeVolumesPaginator(r -> r.maxResults(5)).volumes().stream().toList();
        assertThat(all).extracting(Volume::volumeId).contains(root.volumeId()).doesNotHaveDuplicates();
    }
}
