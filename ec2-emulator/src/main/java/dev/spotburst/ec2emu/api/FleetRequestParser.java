package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Fleet;
import dev.spotburst.ec2emu.core.FleetOverride;
import dev.spotburst.ec2emu.core.LaunchTemplate;
import dev.spotburst.ec2emu.core.Subnet;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.QueryParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns CreateFleet parameters into a {@link Fleet} (not yet registered). Validation follows the CreateFleet API
 * Reference and EC2 User Guide: stop/hibernate interruption behaviour only for {@code maintain} fleets ("Stop interrupted
 * Spot Instances": "For an EC2 Fleet or Spot Fleet, the request type must be maintain"); MinTargetCapacity only for
 * {@code instant} fleets, together with SingleInstanceType or SingleAvailabilityZone.
 */
final class FleetRequestParser {

    private final World w;

    FleetRequestParser(World w) {
        this.w = w;
    }

    Fleet parse(QueryParams p) {
        Fleet f = new Fleet();
        f.type = p.oneOf("Type", "instant", "request", "maintain").orElse("maintain");
        List<QueryParams> configs = p.items("LaunchTemplateConfigs");
        if (configs.isEmpty()) {
            throw Ec2ApiException.missing("LaunchTemplateConfigs");
        }
        if (configs.size() > 50) {
            throw Ec2ApiException.invalidValue("LaunchTemplateConfigs", String.valueOf(configs.size()), "Expected at most 50 launch template configs.");
        }
        target(p.sub("TargetCapacitySpecification"), f, true);
        QueryParams so = p.sub("SpotOptions");
        f.spotAllocationStrategy = so.oneOf("AllocationStrategy", "lowest-price", "diversified", "capacity-optimized",
                "capacity-optimized-prioritized", "price-capacity-optimized").orElse("lowest-price");
        f.interruptionBehavior = so.oneOf("InstanceInterruptionBehavior", "hibernate", "stop", "terminate").orElse("terminate");
        f.spotMinTargetCapacity = so.integer("MinTargetCapacity").orElse(null);
        f.singleInstanceType = so.bool("SingleInstanceType").orElse(false);
        f.singleAvailabilityZone = so.bool("SingleAvailabilityZone").orElse(false);
        QueryParams od = p.sub("OnDemandOptions");
        f.onDemandAllocationStrategy = od.oneOf("AllocationStrategy", "lowest-price", "prioritized").orElse("lowest-price");
        f.onDemandMinTargetCapacity = od.integer("MinTargetCapacity").orElse(null);
        if (!f.interruptionBehavior.equals("terminate") && !f.type.equals("maintain")) {
            throw Ec2ApiException.combination("InstanceInterruptionBehavior '" + f.interruptionBehavior
                    + "' is supported only for fleets of type maintain.");
        }
        boolean minGiven = f.spotMinTargetCapacity != null || f.onDemandMinTargetCapacity != null;
        if (minGiven && !f.type.equals("instant")) {
            throw Ec2ApiException.combination("MinTargetCapacity is supported only for fleets of type instant.");
        }
        if (f.spotMinTargetCapacity != null && !f.singleInstanceType && !f.singleAvailabilityZone) {
            throw Ec2ApiException.combination("SpotOptions.MinTargetCapacity requires SingleInstanceType or SingleAvailabilityZone.");
        }
        f.excessCapacityTerminationPolicy = p.oneOf("ExcessCapacityTerminationPolicy", "termination", "no-termination").orElse(null);
        f.terminateInstancesWithExpiration = p.bool("TerminateInstancesWithExpiration").orElse(false);
        f.replaceUnhealthyInstances = p.bool("ReplaceUnhealthyInstances").orElse(false);
        f.clientToken = p.get("ClientToken");
        for (QueryParams c : configs) {
            pools(c, f.pools);
        }
        return f;
    }

    static void target(QueryParams t, Fleet f, boolean required) {
        Integer total = t.integer("TotalTargetCapacity").orElse(null);
        if (total == null) {
            throw Ec2ApiException.missing("TargetCapacitySpecification.TotalTargetCapacity");
        }
        int od = t.integer("OnDemandTargetCapacity").orElse(required ? 0 : f.onDemandTarget);
        int spot = t.integer("SpotTargetCapacity").orElse(required ? 0 : f.spotTarget);
        String def = t.oneOf("DefaultTargetCapacityType", "spot", "on-demand", "capacity-block")
                .orElse(required ? "on-demand" : f.defaultTargetCapacityType);
        if (def.equals("capacity-block")) {
            throw Ec2ApiException.invalidValue("TargetCapacitySpecification.DefaultTargetCapacityType", def, "The emulator supports spot and on-demand.");
        }
        if (total < 0 || od < 0 || spot < 0) {
            throw Ec2ApiException.invalidValue("TargetCapacitySpecification", total + "/" + od + "/" + spot, "Capacities must be >= 0.");
        }
        if (od + spot > total) {
            throw Ec2ApiException.invalidValue("TargetCapacitySpecification.TotalTargetCapacity", String.valueOf(total),
                    "TotalTargetCapacity must be at least OnDemandTargetCapacity + SpotTargetCapacity (" + (od + spot) + ").");
        }
        f.totalTarget = total;
        f.onDemandTarget = od;
        f.spotTarget = spot;
        f.defaultTargetCapacityType = def;
    }

    private void pools(QueryParams c, List<FleetOverride> out) {
        QueryParams spec = c.sub("LaunchTemplateSpecification");
        String version = spec.get("Version");
        LaunchTemplate lt = LaunchTemplateRefs.resolve(w, spec.get("LaunchTemplateId"), spec.get("LaunchTemplateName"),
                version, c.name("LaunchTemplateSpecification"));
        List<QueryParams> overrides = c.items("Overrides");
        if (overrides.isEmpty()) {
            overrides = List.of(c.sub("NoOverrides"));
        }
        for (QueryParams o : overrides) {
            String type = o.opt("InstanceType").orElse(lt.instanceType());
            if (type == null) {
                throw Ec2ApiException.missing(o.name("InstanceType") + " (the launch template " + lt.id() + " has none)");
            }
            if (!w.instanceTypes.containsKey(type)) {
                throw new Ec2ApiException("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
            }
            Double weight = o.decimal("WeightedCapacity").orElse(null);
            if (weight != null && weight <= 0) {
                throw Ec2ApiException.invalidValue(o.name("WeightedCapacity"), String.valueOf(weight), "Expected a value > 0.");
            }
            Double priority = o.decimal("Priority").orElse(null);
            String maxPrice = o.get("MaxPrice");
            if (maxPrice != null) {
                try {
                    Double.parseDouble(maxPrice);
                } catch (NumberFormatException e) {
                    throw Ec2ApiException.invalidValue(o.name("MaxPrice"), maxPrice, "Expected: a price.");
                }
            }
            String subnetIds = o.get("SubnetId");
            String az = o.get("AvailabilityZone");
            if (az != null && !w.availabilityZones.contains(az)) {
                throw new Ec2ApiException("InvalidParameterValue", "Invalid availability zone: [" + az + "]");
            }
            for (Subnet s : subnets(subnetIds, az, lt)) {
                if (az != null && !az.equals(s.spec.availabilityZone())) {
                    throw Ec2ApiException.combination("The subnet " + s.spec.subnetId() + " is not in " + az + ".");
                }
                out.add(new FleetOverride(lt.id(), lt.name(), version, type, s.spec.subnetId(), s.spec.availabilityZone(),
                        priority, weight, maxPrice, subnetIds, az));
            }
        }
    }

    private List<Subnet> subnets(String subnetIds, String az, LaunchTemplate lt) {
        List<Subnet> out = new ArrayList<>();
        String ids = subnetIds != null ? subnetIds : lt.subnetId();
        if (ids != null) {
            // A comma-separated list is accepted, as for Spot Fleet overrides.
            for (String id : ids.split(",")) {
                Subnet s = w.subnets.get(id.trim());
                if (s == null) {
                    throw new Ec2ApiException("InvalidSubnetID.NotFound", "The subnet ID '" + id.trim() + "' does not exist");
                }
                out.add(s);
            }
            return out;
        }
        for (Subnet s : w.subnets.values()) {
            if (s.spec.defaultForAz() && (az == null || az.equals(s.spec.availabilityZone()))) {
                out.add(s);
            }
        }
        return out;
    }
}
