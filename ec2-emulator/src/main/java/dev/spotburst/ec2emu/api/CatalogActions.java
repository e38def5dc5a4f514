package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Subnet;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read-only catalogue actions: DescribeInstanceTypes, DescribeSubnets, DescribeAvailabilityZones, DescribeSpotPriceHistory. */
final class CatalogActions {

    private final World w;

    CatalogActions(World w) {
        this.w = w;
    }

    String instanceTypes(QueryParams p, String requestId) {
        List<String> names = p.list("InstanceType");
        Filters filters = Filters.parse(p, Set.of("instance-type", "hibernation-supported", "vcpu-info.default-vcpus",
                "memory-info.size-in-mib", "processor-info.supported-architecture", "current-generation"));
        return w.locked(() -> {
            List<String> unknown = new ArrayList<>();
            for (String n : names) {
                if (!w.instanceTypes.containsKey(n)) {
                    unknown.add(n);
                }
            }
            if (!unknown.isEmpty()) {
                throw new Ec2ApiException("InvalidInstanceType", "The following supplied instance types do not exist: ["
                        + String.join(", ", unknown) + "]");
            }
            List<InstanceTypeSpec> matched = new ArrayList<>();
            for (InstanceTypeSpec t : w.instanceTypes.values()) {
                if ((names.isEmpty() || names.contains(t.instanceType())) && filters.matches(n -> typeAttr(t, n), Map.of())) {
                    matched.add(t);
                }
            }
            Page<InstanceTypeSpec> page = Page.of(matched, p, "DescribeInstanceTypes", 5, 100);
            Xml x = Xml.response("DescribeInstanceTypes", requestId).start("instanceTypeSet");
            for (InstanceTypeSpec t : page.items()) {
                x.item().field("instanceType", t.instanceType()).field("currentGeneration", true)
                        .strings("supportedUsageClasses", List.of("on-demand", "spot"))
                        .strings("supportedRootDeviceTypes", List.of("ebs"))
                        .strings("supportedVirtualizationTypes", List.of("hvm"))
                        .field("bareMetal", t.instanceType().endsWith(".metal")).field("hypervisor", "nitro")
                        .start("processorInfo").strings("supportedArchitectures", List.of(t.architecture())).end()
                        .start("vCpuInfo").field("defaultVCpus", t.vcpus()).field("defaultCores", Math.max(1, t.vcpus() / 2))
                        .field("defaultThreadsPerCore", t.vcpus() > 1 ? 2 : 1).end()
                        .start("memoryInfo").field("sizeInMiB", t.memoryMiB()).end()
                        .field("instanceStorageSupported", false)
                        .field("hibernationSupported", t.hibernationSupported())
                        .field("burstablePerformanceSupported", t.instanceType().startsWith("t"))
                        .strings("supportedBootModes", List.of("legacy-bios", "uefi"))
                        .end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    private static Collection<String> typeAttr(InstanceTypeSpec t, String name) {
        String v = switch (name) {
            case "instance-type" -> t.instanceType();
            case "hibernation-supported" -> String.valueOf(t.hibernationSupported());
            case "vcpu-info.default-vcpus" -> String.valueOf(t.vcpus());
            case "memory-info.size-in-mib" -> String.valueOf(t.memoryMiB());
            case "processor-info.supported-architecture" -> t.architecture();
            case "current-generation" -> "true";
            default -> null;
        };
        return v == null ? List.of() : List.of(v);
    }

    String subnets(QueryParams p, String requestId) {
        List<String> ids = p.list("SubnetId");
        Filters filters = Filters.parse(p, Set.of("subnet-id", "availability-zone", "availability-zone-id", "vpc-id",
                "default-for-az", "cidr-block", "state"));
        return w.locked(() -> {
            for (String id : ids) {
                if (!w.subnets.containsKey(id)) {
                    throw new Ec2ApiException("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
                }
            }
            List<Subnet> matched = new ArrayList<>();
            for (Subnet s : w.subnets.values()) {
                if ((ids.isEmpty() || ids.contains(s.spec.subnetId())) && filters.matches(n -> subnetAttr(s, n), w.tagsOf(s.spec.subnetId()))) {
                    matched.add(s);
                }
            }
            Page<Subnet> page = Page.of(matched, p, "DescribeSubnets", 5, 1000);
            Xml x = Xml.response("DescribeSubnets", requestId).start("subnetSet");
            for (Subnet s : page.items()) {
                x.item().field("subnetId", s.spec.subnetId())
                        .field("subnetArn", "arn:aws:ec2:" + w.opts.region() + ":" + w.opts.accountId() + ":subnet/" + s.spec.subnetId())
                        .field("state", "available").field("vpcId", s.spec.vpcId()).field("cidrBlock", s.spec.cidr())
                        .field("availableIpAddressCount", s.availableIpAddressCount())
                        .field("availabilityZone", s.spec.availabilityZone()).field("availabilityZoneId", s.azId)
                        .field("defaultForAz", s.spec.defaultForAz()).field("mapPublicIpOnLaunch", s.spec.defaultForAz())
                        .field("ownerId", w.opts.accountId());
                TagSpecs.tagSet(x, w.tagsOf(s.spec.subnetId()));
                x.end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    private static Collection<String> subnetAttr(Subnet s, String name) {
        String v = switch (name) {
            case "subnet-id" -> s.spec.subnetId();
            case "availability-zone" -> s.spec.availabilityZone();
            case "availability-zone-id" -> s.azId;
            case "vpc-id" -> s.spec.vpcId();
            case "default-for-az" -> String.valueOf(s.spec.defaultForAz());
            case "cidr-block" -> s.spec.cidr();
            case "state" -> "available";
            default -> null;
        };
        return v == null ? List.of() : List.of(v);
    }

    String availabilityZones(QueryParams p, String requestId) {
        List<String> names = p.list("ZoneName");
        Filters filters = Filters.parse(p, Set.of("zone-name", "zone-id", "state", "region-name", "zone-type"));
        for (String n : names) {
            if (!w.availabilityZones.contains(n)) {
                throw new Ec2ApiException("InvalidParameterValue", "Invalid availability zone: [" + n + "]");
            }
        }
        Xml x = Xml.response("DescribeAvailabilityZones", requestId).start("availabilityZoneInfo");
        for (int i = 0; i < w.availabilityZones.size(); i++) {
            String az = w.availabilityZones.get(i);
            String zoneId = w.azId(i);
            Map<String, String> attrs = Map.of("zone-name", az, "zone-id", zoneId, "state", "available",
                    "region-name", w.opts.region(), "zone-type", "availability-zone");
            if ((names.isEmpty() || names.contains(az)) && filters.matches(n -> attrs.containsKey(n) ? List.of(attrs.get(n)) : List.of(), Map.of())) {
                x.item().field("optInStatus", "opt-in-not-required").start("messageSet").end()
                        .field("regionName", w.opts.region()).field("zoneName", az).field("zoneId", zoneId)
                        .field("groupName", w.opts.region()).field("networkBorderGroup", w.opts.region())
                        .field("zoneType", "availability-zone").field("zoneState", "available").end();
            }
        }
        return x.end().finish();
    }

    String spotPriceHistory(QueryParams p, String requestId) {
        List<String> types = p.list("InstanceType");
        List<String> products = p.list("ProductDescription");
        String az = p.get("AvailabilityZone");
        Instant start = p.instant("StartTime").orElse(null);
        Instant end = p.instant("EndTime").orElse(null);
        if (start != null && end != null && end.isBefore(start)) {
            throw Ec2ApiException.combination("EndTime must not be before StartTime.");
        }
        Filters filters = Filters.parse(p, Set.of("instance-type", "availability-zone", "product-description", "spot-price", "timestamp"));
        return w.locked(() -> {
            for (String t : types) {
                if (!w.instanceTypes.containsKey(t)) {
                    throw new Ec2ApiException("InvalidParameterValue", "Invalid value '" + t + "' for InstanceType.");
                }
            }
            // One price point per pool, stamped at the start of the current hour: prices in the emulator do not move.
            Instant stamp = w.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            List<String[]> rows = new ArrayList<>();
            for (InstanceTypeSpec t : w.instanceTypes.values()) {
                for (String zone : w.availabilityZones) {
                    if ((!types.isEmpty() && !types.contains(t.instanceType())) || (az != null && !az.equals(zone))) {
                        continue;
                    }
                    if (!products.isEmpty() && !products.contains("Linux/UNIX") && !products.contains("Linux/UNIX (Amazon VPC)")) {
                        continue;
                    }
                    String price = String.format(java.util.Locale.ROOT, "%.6f", w.spotPrice(t.instanceType(), zone));
                    String[] row = {t.instanceType(), zone, price};
                    Map<String, String> attrs = Map.of("instance-type", row[0], "availability-zone", row[1],
                            "product-description", "Linux/UNIX", "spot-price", row[2]);
                    if (filters.matches(n -> attrs.containsKey(n) ? List.of(attrs.get(n)) : List.of(), Map.of())) {
                        rows.add(row);
                    }
                }
            }
            Page<String[]> page = Page.of(rows, p, "DescribeSpotPriceHistory", 1, 1000);
            Xml x = Xml.response("DescribeSpotPriceHistory", requestId).start("spotPriceHistorySet");
            for (String[] r : page.items()) {
                x.item().field("instanceType", r[0]).field("productDescription", "Linux/UNIX").field("spotPrice", r[2])
                        .field("timestamp", stamp).field("availabilityZone", r[1]).end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }
}
