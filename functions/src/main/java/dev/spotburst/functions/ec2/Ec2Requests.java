package dev.spotburst.functions.ec2;

import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.functions.launch.LaunchPlan;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.functions.launch.Pool;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.HibernationOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.OnDemandOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.SpotOptionsRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

import java.util.List;

/** Maps {@link LaunchPlan}s to EC2 SDK requests. Pure: tested against expected JSON, sent by {@link Ec2Gateway}. */
public final class Ec2Requests {

    private Ec2Requests() {
    }

    public static CreateFleetRequest createFleet(LaunchPlan.Fleet plan) {
        var overrides = plan.pools().stream().map(Ec2Requests::override).toList();
        var b = CreateFleetRequest.builder()
                .type(FleetType.INSTANT)
                .clientToken(plan.clientToken())
                .targetCapacitySpecification(TargetCapacitySpecificationRequest.builder()
                        .totalTargetCapacity(plan.count())
                        .defaultTargetCapacityType(plan.market().wire())
                        .build())
                .launchTemplateConfigs(FleetLaunchTemplateConfigRequest.builder()
                        .launchTemplateSpecification(fleetTemplate(plan.template()))
                        .overrides(overrides)
                        .build())
                .tagSpecifications(
                        tags(ResourceType.INSTANCE, plan.tags()),
                        tags(ResourceType.FLEET, plan.tags()));
        var o = plan.marketOptions();
        if (plan.market() == Market.SPOT) {
            b.spotOptions(SpotOptionsRequest.builder()
                    .allocationStrategy(plan.allocationStrategy())
                    .maxTotalPrice(str(o.get("MaxTotalPrice")))
                    .instancePoolsToUseCount(integer(o.get("InstancePoolsToUseCount")))
                    .singleInstanceType(bool(o.get("SingleInstanceType")))
                    .singleAvailabilityZone(bool(o.get("SingleAvailabilityZone")))
                    .minTargetCapacity(integer(o.get("MinTargetCapacity")))
                    .build());
        } else {
            b.onDemandOptions(OnDemandOptionsRequest.builder()
                    .allocationStrategy(plan.allocationStrategy())
                    .maxTotalPrice(str(o.get("MaxTotalPrice")))
                    .singleInstanceType(bool(o.get("SingleInstanceType")))
                    .singleAvailabilityZone(bool(o.get("SingleAvailabilityZone")))
                    .minTargetCapacity(integer(o.get("MinTargetCapacity")))
                    .build());
        }
        return b.build();
    }

    public static RunInstancesRequest runInstance(LaunchPlan.Instance plan) {
        // The root volume carries the cluster tag too: rescue moves it between instances, and IAM lets the
        // control plane touch only volumes tagged with its cluster.
        var tagSpecs = plan.market() == Market.SPOT
                ? List.of(tags(ResourceType.INSTANCE, plan.tags()), tags(ResourceType.VOLUME, plan.tags()),
                        tags(ResourceType.SPOT_INSTANCES_REQUEST, plan.tags()))
                : List.of(tags(ResourceType.INSTANCE, plan.tags()), tags(ResourceType.VOLUME, plan.tags()));
        var b = RunInstancesRequest.builder()
                .clientToken(plan.clientToken())
                .minCount(1)
                .maxCount(1)
                .launchTemplate(template(plan.template()))
                .instanceType(plan.pool().instanceType())
                .subnetId(plan.pool().subnetId())
                .tagSpecifications(tagSpecs);
        if (plan.market() == Market.SPOT) {
            b.instanceMarketOptions(InstanceMarketOptionsRequest.builder()
                    .marketType(MarketType.SPOT)
                    .spotOptions(SpotMarketOptions.builder()
                            // Persistent: EC2 restarts this very instance after a hibernate/stop interruption.
                            .spotInstanceType(SpotInstanceType.PERSISTENT)
                            .instanceInterruptionBehavior(plan.behaviour().wire())
                            .maxPrice(plan.maxPrice())
                            .build())
                    .build());
            if (plan.behaviour() == InterruptionBehavior.HIBERNATE) {
                b.hibernationOptions(HibernationOptionsRequest.builder().configured(true).build());
            }
        }
        return b.build();
    }

    static TagSpecification tags(ResourceType type, List<LaunchTag> tags) {
        return TagSpecification.builder().resourceType(type)
                .tags(tags.stream().filter(t -> !t.needsInstanceFacts())
                        .map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList())
                .build();
    }

    private static FleetLaunchTemplateOverridesRequest override(Pool p) {
        var e = p.overrideExtra();
        return FleetLaunchTemplateOverridesRequest.builder()
                .instanceType(p.instanceType())
                .subnetId(p.subnetId())
                // One node is one instance, whatever its size (the plugin forces 1 as well).
                .weightedCapacity(1.0)
                .maxPrice(str(e.get("MaxPrice")))
                .priority(dbl(e.get("Priority")))
                .imageId(str(e.get("ImageId")))
                .build();
    }

    private static FleetLaunchTemplateSpecificationRequest fleetTemplate(LaunchTemplateRef t) {
        return FleetLaunchTemplateSpecificationRequest.builder()
                .launchTemplateId(t.launchTemplateId())
                .launchTemplateName(t.launchTemplateId() == null ? t.launchTemplateName() : null)
                .version(t.version())
                .build();
    }

    private static LaunchTemplateSpecification template(LaunchTemplateRef t) {
        return LaunchTemplateSpecification.builder()
                .launchTemplateId(t.launchTemplateId())
                .launchTemplateName(t.launchTemplateId() == null ? t.launchTemplateName() : null)
                .version(t.version())
                .build();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Integer integer(Object o) {
        return o == null ? null : o instanceof Number n ? n.intValue() : Integer.valueOf(o.toString());
    }

    private static Double dbl(Object o) {
        return o == null ? null : o instanceof Number n ? n.doubleValue() : Double.valueOf(o.toString());
    }

    private static Boolean bool(Object o) {
        return o == null ? null : o instanceof Boolean b ? b : Boolean.valueOf(o.toString());
    }
}
