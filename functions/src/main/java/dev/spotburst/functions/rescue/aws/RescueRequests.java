package dev.spotburst.functions.rescue.aws;

import dev.spotburst.functions.rescue.RescueLaunch;
import software.amazon.awssdk.services.ec2.model.AttachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMappingSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.List;

/** The EC2 requests of a rescue, built as values (tested without a server). */
public final class RescueRequests {

    static final List<String> LIVE = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private RescueRequests() {
    }

    /**
     * One On-Demand instance: no InstanceMarketOptions, hibernation configured (it is hibernated before the swap),
     * pinned to the Spot instance's subnet (its AZ is where the root volume lives) and type (a hibernation image
     * resumes only on the same type), tagged at launch so the twin is never an untagged orphan.
     */
    public static RunInstancesRequest launch(RescueLaunch l) {
        var lt = LaunchTemplateSpecification.builder().version(l.launchTemplateVersion());
        if (l.launchTemplateId() != null) {
            lt.launchTemplateId(l.launchTemplateId());
        } else {
            lt.launchTemplateName(l.launchTemplateName());
        }
        var tags = l.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return RunInstancesRequest.builder().clientToken(l.clientToken()).minCount(1).maxCount(1)
                .launchTemplate(lt.build()).instanceType(l.instanceType()).subnetId(l.subnetId())
                .hibernationOptions(h -> h.configured(true))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build())
                .build();
    }

    public static StopInstancesRequest hibernate(String instanceId) {
        return StopInstancesRequest.builder().instanceIds(instanceId).hibernate(true).build();
    }

    public static DescribeInstancesRequest rescuersOf(String spotInstanceId) {
        return DescribeInstancesRequest.builder().filters(
                Filter.builder().name("tag:" + RescueLaunch.RESCUED_FROM).values(spotInstanceId).build(),
                Filter.builder().name("instance-state-name").values(LIVE).build()).build();
    }

    public static AttachVolumeRequest attachRoot(String volumeId, String instanceId, String device) {
        return AttachVolumeRequest.builder().volumeId(volumeId).instanceId(instanceId).device(device).build();
    }

    public static ModifyInstanceAttributeRequest deleteOnTermination(String instanceId, String device) {
        return ModifyInstanceAttributeRequest.builder().instanceId(instanceId).blockDeviceMappings(
                InstanceBlockDeviceMappingSpecification.builder().deviceName(device)
                        .ebs(e -> e.deleteOnTermination(true)).build()).build();
    }
}
