package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DescribeInstances (API Reference): InstanceId.N and filters; MaxResults is 5..1000 and may not be combined with
 * instance ids ({@code InvalidParameterCombination}); results grouped into {@code reservationSet}.
 */
final class DescribeInstancesAction implements Action {

    private static final Set<String> FILTERS = Set.of("instance-id", "instance-state-name", "instance-state-code",
            "private-ip-address", "instance-type", "availability-zone", "subnet-id", "vpc-id", "instance-lifecycle",
            "spot-instance-request-id", "image-id", "reservation-id", "client-token", "private-dns-name",
            "hibernation-options.configured");

    private final World w;

    DescribeInstancesAction(World w) {
        this.w = w;
    }

    @Override
    public String handle(QueryParams p, String requestId) {
        List<String> ids = p.list("InstanceId");
        if (!ids.isEmpty() && p.has("MaxResults")) {
            throw Ec2ApiException.combination("The parameter instancesSet cannot be used with the parameter maxResults");
        }
        Filters filters = Filters.parse(p, FILTERS);
        return w.locked(() -> {
            List<Instance> candidates = ids.isEmpty() ? w.instancesSnapshot() : ResourceIds.instances(w, ids);
            List<Instance> matched = new ArrayList<>();
            for (Instance i : candidates) {
                if (filters.matches(name -> attribute(i, name), w.tagsOf(i.id))) {
                    matched.add(i);
                }
            }
            Page<Instance> page = Page.of(matched, p, "DescribeInstances", 5, 1000);
            Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
            for (Instance i : page.items()) {
                byReservation.computeIfAbsent(i.reservationId, r -> new ArrayList<>()).add(i);
            }
            Xml x = Xml.response("DescribeInstances", requestId);
            x.start("reservationSet");
            byReservation.forEach((rid, list) -> {
                x.item().field("reservationId", rid).field("ownerId", w.opts.accountId()).start("groupSet").end();
                x.start("instancesSet");
                list.forEach(i -> InstanceXml.instance(x, w, i));
                x.end().end();
            });
            x.end().field("nextToken", page.nextToken());
            return x.finish();
        });
    }

    private static Collection<String> attribute(Instance i, String name) {
        String v = switch (name) {
            case "instance-id" -> i.id;
            case "instance-state-name" -> i.state.wire;
            case "instance-state-code" -> String.valueOf(i.state.code);
            case "private-ip-address" -> i.privateIp;
            case "private-dns-name" -> InstanceXml.dns(i.privateIp);
            case "instance-type" -> i.instanceType;
            case "availability-zone" -> i.availabilityZone;
            case "subnet-id" -> i.subnetId;
            case "vpc-id" -> i.vpcId;
            case "instance-lifecycle" -> i.isSpot() ? "spot" : null;
            case "spot-instance-request-id" -> i.spotRequestId;
            case "image-id" -> i.imageId;
            case "reservation-id" -> i.reservationId;
            case "client-token" -> i.clientToken;
            case "hibernation-options.configured" -> String.valueOf(i.hibernationConfigured);
            default -> null;
        };
        return v == null ? List.of() : List.of(v);
    }
}
