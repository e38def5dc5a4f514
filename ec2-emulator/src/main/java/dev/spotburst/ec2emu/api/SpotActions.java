package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.InstanceState;
import dev.spotburst.ec2emu.core.SpotRequest;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * DescribeSpotInstanceRequests and CancelSpotInstanceRequests. Cancelling a request does not terminate its instance
 * (EC2 User Guide, "Cancel a Spot Instance request": "Canceling a request does not terminate the instance"); the
 * status becomes {@code request-canceled-and-instance-running}.
 */
final class SpotActions {

    private static final Set<String> FILTERS = Set.of("state", "status-code", "instance-id", "spot-instance-request-id",
            "type", "launched-availability-zone", "launch.instance-type", "launch.image-id", "spot-price");

    private final World w;

    SpotActions(World w) {
        this.w = w;
    }

    String describe(QueryParams p, String requestId) {
        List<String> ids = p.list("SpotInstanceRequestId");
        Filters filters = Filters.parse(p, FILTERS);
        return w.locked(() -> {
            List<SpotRequest> candidates = ids.isEmpty() ? new ArrayList<>(w.spotRequests.values()) : lookup(ids);
            List<SpotRequest> matched = new ArrayList<>();
            for (SpotRequest r : candidates) {
                if (filters.matches(n -> attribute(r, n), w.tagsOf(r.id))) {
                    matched.add(r);
                }
            }
            Page<SpotRequest> page = Page.of(matched, p, "DescribeSpotInstanceRequests", 5, 1000);
            Xml x = Xml.response("DescribeSpotInstanceRequests", requestId).start("spotInstanceRequestSet");
            for (SpotRequest r : page.items()) {
                x.item().field("spotInstanceRequestId", r.id).field("spotPrice", r.maxPrice).field("type", r.type)
                        .field("state", r.state)
                        .start("status").field("code", r.statusCode).field("updateTime", r.statusUpdateTime)
                        .field("message", r.statusMessage).end()
                        .start("launchSpecification").field("imageId", r.imageId).field("keyName", r.keyName)
                        .start("groupSet").item().field("groupId", "sg-0000000000000def0").field("groupName", "default").end().end()
                        .field("instanceType", r.instanceType)
                        .start("placement").field("availabilityZone", r.availabilityZone).end()
                        .field("subnetId", r.subnetId)
                        .start("monitoring").field("enabled", false).end()
                        .end()
                        .field("instanceId", r.instanceId).field("createTime", r.createTime)
                        .field("productDescription", "Linux/UNIX")
                        .field("launchedAvailabilityZone", r.instanceId == null ? null : r.availabilityZone)
                        .field("instanceInterruptionBehavior", r.interruptionBehavior);
                TagSpecs.tagSet(x, w.tagsOf(r.id));
                x.end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    String cancel(QueryParams p, String requestId) {
        List<String> ids = p.list("SpotInstanceRequestId");
        if (ids.isEmpty()) {
            throw Ec2ApiException.missing("SpotInstanceRequestId");
        }
        return w.locked(() -> {
            List<SpotRequest> list = lookup(ids);
            Xml x = Xml.response("CancelSpotInstanceRequests", requestId).start("spotInstanceRequestSet");
            for (SpotRequest r : list) {
                if (!"cancelled".equals(r.state) && !"closed".equals(r.state)) {
                    Instance i = r.instanceId == null ? null : w.instances.get(r.instanceId);
                    boolean running = i != null && i.state != InstanceState.TERMINATED && i.state != InstanceState.SHUTTING_DOWN;
                    w.spot.status(r, "cancelled", running ? "request-canceled-and-instance-running" : "canceled-before-fulfillment",
                            running ? "Spot Instance request canceled; the instance keeps running." : "Your Spot request was canceled.");
                }
                x.item().field("spotInstanceRequestId", r.id).field("state", r.state).end();
            }
            return x.end().finish();
        });
    }

    private List<SpotRequest> lookup(List<String> ids) {
        List<SpotRequest> out = new ArrayList<>();
        for (String id : ids) {
            if (!id.startsWith("sir-")) {
                throw new Ec2ApiException("InvalidSpotInstanceRequestID.Malformed", "Invalid id: \"" + id + "\" (expecting \"sir-...\")");
            }
            SpotRequest r = w.spotRequests.get(id);
            if (r == null) {
                throw new Ec2ApiException("InvalidSpotInstanceRequestID.NotFound",
                        "The spot instance request ID '" + id + "' does not exist");
            }
            out.add(r);
        }
        return out;
    }

    private static Collection<String> attribute(SpotRequest r, String name) {
        String v = switch (name) {
            case "state" -> r.state;
            case "status-code" -> r.statusCode;
            case "instance-id" -> r.instanceId;
            case "spot-instance-request-id" -> r.id;
            case "type" -> r.type;
            case "launched-availability-zone" -> r.instanceId == null ? null : r.availabilityZone;
            case "launch.instance-type" -> r.instanceType;
            case "launch.image-id" -> r.imageId;
            case "spot-price" -> r.maxPrice;
            default -> null;
        };
        return v == null ? List.of() : List.of(v);
    }
}
