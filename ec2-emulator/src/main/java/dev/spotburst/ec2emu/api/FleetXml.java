package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Fleet;
import dev.spotburst.ec2emu.core.FleetLaunchResult;
import dev.spotburst.ec2emu.core.FleetOverride;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fleet response fragments shared by CreateFleet and DescribeFleets (shapes per ec2-response-shapes.xml). */
final class FleetXml {

    private FleetXml() {
    }

    static void launchTemplateAndOverrides(Xml x, FleetOverride o) {
        x.start("launchTemplateAndOverrides");
        ltSpec(x, o);
        x.start("overrides");
        override(x, o);
        x.end().end();
    }

    private static void ltSpec(Xml x, FleetOverride o) {
        x.start("launchTemplateSpecification").field("launchTemplateId", o.launchTemplateId())
                .field("launchTemplateName", o.launchTemplateName()).field("version", o.version()).end();
    }

    private static void override(Xml x, FleetOverride o) {
        x.field("instanceType", o.instanceType()).field("maxPrice", o.maxPrice()).field("subnetId", o.subnetId())
                .field("availabilityZone", o.availabilityZone()).field("weightedCapacity", o.weightedCapacity())
                .field("priority", o.priority());
    }

    static void result(Xml x, FleetLaunchResult r) {
        x.start("errorSet");
        for (FleetLaunchResult.Failed e : r.errors()) {
            x.item();
            launchTemplateAndOverrides(x, e.pool());
            x.field("lifecycle", e.lifecycle()).field("errorCode", e.errorCode()).field("errorMessage", e.errorMessage()).end();
        }
        x.end().start("fleetInstanceSet");
        for (FleetLaunchResult.Launched l : r.launched()) {
            x.item();
            launchTemplateAndOverrides(x, l.pool());
            x.field("lifecycle", l.lifecycle()).strings("instanceIds", l.instanceIds())
                    .field("instanceType", l.pool().instanceType())
                    .field("availabilityZone", l.pool().availabilityZone()).field("subnetId", l.pool().subnetId()).end();
        }
        x.end();
    }

    /** {@code launchTemplateConfigs}: overrides grouped back under their launch template. */
    static void configs(Xml x, Fleet f) {
        Map<String, List<FleetOverride>> byTemplate = new LinkedHashMap<>();
        for (FleetOverride o : f.pools) {
            byTemplate.computeIfAbsent(o.launchTemplateId() + "|" + o.version(), k -> new ArrayList<>()).add(o);
        }
        x.start("launchTemplateConfigs");
        for (List<FleetOverride> group : byTemplate.values()) {
            x.item();
            ltSpec(x, group.get(0));
            x.start("overrides");
            for (FleetOverride o : group) {
                x.item();
                override(x, o);
                x.end();
            }
            x.end().end();
        }
        x.end();
    }
}
