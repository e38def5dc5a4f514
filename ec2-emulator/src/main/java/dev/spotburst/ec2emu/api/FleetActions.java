package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Fleet;
import dev.spotburst.ec2emu.core.FleetHistoryRecord;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateFleet, ModifyFleet, DescribeFleets, DescribeFleetInstances, DescribeFleetHistory, DeleteFleets.
 * DeleteFleets limits (API Reference, "DeleteFleets"): up to 25 instant fleets and 100 maintain/request fleets per
 * call; beyond that no fleet is deleted. ModifyFleet applies only to maintain fleets (User Guide, "Modify an EC2 Fleet").
 */
final class FleetActions {

    private static final Set<String> FLEET_FILTERS = Set.of("activity-status", "excess-capacity-termination-policy",
            "fleet-state", "replace-unhealthy-instances", "type");

    private final World w;
    private final FleetRequestParser parser;

    FleetActions(World w) {
        this.w = w;
        this.parser = new FleetRequestParser(w);
    }

    String create(QueryParams p, String requestId) {
        return w.locked(() -> {
            String token = p.get("ClientToken");
            if (token != null && w.fleetTokens.containsKey(token)) {
                return createResponse(requestId, w.fleets.get(w.fleetTokens.get(token)));
            }
            Fleet f = parser.parse(p);
            Map<String, String> fleetTags = TagSpecs.forType(p, "TagSpecification", "fleet", TagSpecs.FLEET_TYPES);
            f.instanceTags.putAll(TagSpecs.forType(p, "TagSpecification", "instance", TagSpecs.FLEET_TYPES));
            f.id = w.ids.fleet();
            f.createTime = w.now();
            w.fleets.put(f.id, f);
            if (!fleetTags.isEmpty()) {
                w.tags.put(f.id, new LinkedHashMap<>(fleetTags));
            }
            if (token != null) {
                w.fleetTokens.put(token, f.id);
            }
            if (f.type.equals("instant")) {
                f.instantResult = w.fleetEngine.allocate(f, f.spotUnitsWanted(), f.onDemandUnitsWanted(), true);
                f.state = "active";
                f.activityStatus = f.instantResult.errors().isEmpty() ? "fulfilled" : "error";
            } else {
                w.fleetEngine.record(f, "fleet-change", "submitted", null, null);
                w.fleetEngine.setState(f, "active");
                f.activityStatus = "pending_fulfillment";
            }
            return createResponse(requestId, f);
        });
    }

    private String createResponse(String requestId, Fleet f) {
        Xml x = Xml.response("CreateFleet", requestId).field("fleetId", f.id);
        if (f.instantResult != null) {
            FleetXml.result(x, f.instantResult);
        }
        return x.finish();
    }

    String modify(QueryParams p, String requestId) {
        String id = p.required("FleetId");
        if (!p.has("TargetCapacitySpecification") && !p.has("LaunchTemplateConfig")) {
            throw Ec2ApiException.missing("TargetCapacitySpecification");
        }
        String policy = p.oneOf("ExcessCapacityTerminationPolicy", "termination", "no-termination").orElse(null);
        return w.locked(() -> {
            Fleet f = fleet(id);
            if (!f.type.equals("maintain") || f.deleted()) {
                throw new Ec2ApiException("UnsupportedOperation", "Only active fleets of type maintain can be modified; "
                        + id + " is a " + f.state + " " + f.type + " fleet.");
            }
            w.fleetEngine.record(f, "fleet-change", "modify_in_progress", null, null);
            if (p.has("TargetCapacitySpecification")) {
                FleetRequestParser.target(p.sub("TargetCapacitySpecification"), f, false);
            }
            String effective = policy != null ? policy
                    : f.excessCapacityTerminationPolicy != null ? f.excessCapacityTerminationPolicy : "termination";
            if (effective.equals("termination")) {
                trim(f, "spot", f.spotUnitsWanted());
                trim(f, "on-demand", f.onDemandUnitsWanted());
            }
            w.fleetEngine.record(f, "fleet-change", "modify_succeeded", null, null);
            return Xml.response("ModifyFleet", requestId).field("return", true).finish();
        });
    }

    /** Terminates the newest instances of one market until the fleet is within its target. */
    private void trim(Fleet f, String market, double wanted) {
        List<String> ids = new ArrayList<>(f.instanceIds);
        java.util.Collections.reverse(ids);
        for (String iid : ids) {
            if (w.fleetEngine.fulfilled(f, market) <= wanted) {
                return;
            }
            Instance i = w.instances.get(iid);
            if (i != null && i.state.active() && market.equals(i.market)) {
                w.terminate(i, "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: Fleet capacity reduced",
                        "Service initiated (fleet " + f.id + " target reduced)", false);
            }
        }
    }

    String describe(QueryParams p, String requestId) {
        List<String> ids = p.list("FleetId");
        Filters filters = Filters.parse(p, FLEET_FILTERS);
        return w.locked(() -> {
            List<Fleet> candidates = new ArrayList<>();
            if (ids.isEmpty()) {
                candidates.addAll(w.fleets.values());
            } else {
                for (String id : ids) {
                    candidates.add(fleet(id));
                }
            }
            List<Fleet> matched = new ArrayList<>();
            for (Fleet f : candidates) {
                if (filters.matches(n -> attribute(f, n), w.tagsOf(f.id))) {
                    matched.add(f);
                }
            }
            Page<Fleet> page = Page.of(matched, p, "DescribeFleets", 1, 1000);
            Xml x = Xml.response("DescribeFleets", requestId).start("fleetSet");
            for (Fleet f : page.items()) {
                fleetItem(x, f);
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    private void fleetItem(Xml x, Fleet f) {
        x.item().field("activityStatus", f.type.equals("instant") ? null : f.activityStatus)
                .field("createTime", f.createTime).field("fleetId", f.id).field("fleetState", f.state)
                .field("clientToken", f.clientToken).field("excessCapacityTerminationPolicy", f.excessCapacityTerminationPolicy)
                .field("fulfilledCapacity", w.fleetEngine.fulfilled(f, null))
                .field("fulfilledOnDemandCapacity", w.fleetEngine.fulfilled(f, "on-demand"));
        FleetXml.configs(x, f);
        x.start("targetCapacitySpecification").field("totalTargetCapacity", f.totalTarget)
                .field("onDemandTargetCapacity", f.onDemandTarget).field("spotTargetCapacity", f.spotTarget)
                .field("defaultTargetCapacityType", f.defaultTargetCapacityType).end()
                .field("terminateInstancesWithExpiration", f.terminateInstancesWithExpiration)
                .field("type", f.type)
                .field("replaceUnhealthyInstances", f.replaceUnhealthyInstances)
                .start("spotOptions").field("allocationStrategy", f.spotAllocationStrategy)
                .field("instanceInterruptionBehavior", f.interruptionBehavior)
                .field("singleInstanceType", f.singleInstanceType).field("singleAvailabilityZone", f.singleAvailabilityZone)
                .field("minTargetCapacity", f.spotMinTargetCapacity).end()
                .start("onDemandOptions").field("allocationStrategy", f.onDemandAllocationStrategy)
                .field("minTargetCapacity", f.onDemandMinTargetCapacity).end();
        TagSpecs.tagSet(x, w.tagsOf(f.id));
        if (f.instantResult != null) {
            FleetXml.result(x, f.instantResult);
        }
        x.end();
    }

    String describeInstances(QueryParams p, String requestId) {
        String id = p.required("FleetId");
        Filters filters = Filters.parse(p, Set.of("instance-type"));
        return w.locked(() -> {
            Fleet f = fleet(id);
            List<Instance> active = new ArrayList<>();
            for (String iid : f.instanceIds) {
                Instance i = w.instances.get(iid);
                if (i != null && i.state.active() && filters.matches(n -> List.of(i.instanceType), Map.of())) {
                    active.add(i);
                }
            }
            Page<Instance> page = Page.of(active, p, "DescribeFleetInstances", 1, 1000);
            Xml x = Xml.response("DescribeFleetInstances", requestId).start("activeInstanceSet");
            for (Instance i : page.items()) {
                x.item().field("instanceId", i.id).field("instanceType", i.instanceType)
                        .field("spotInstanceRequestId", i.spotRequestId).field("instanceHealth", "healthy").end();
            }
            return x.end().field("nextToken", page.nextToken()).field("fleetId", f.id).finish();
        });
    }

    String history(QueryParams p, String requestId) {
        String id = p.required("FleetId");
        Instant start = p.instant("StartTime").orElseThrow(() -> Ec2ApiException.missing("StartTime"));
        String type = p.oneOf("EventType", "instance-change", "fleet-change", "service-error").orElse(null);
        return w.locked(() -> {
            Fleet f = fleet(id);
            List<FleetHistoryRecord> records = new ArrayList<>();
            for (FleetHistoryRecord r : f.history) {
                if (!r.timestamp().isBefore(start) && (type == null || type.equals(r.eventType()))) {
                    records.add(r);
                }
            }
            Page<FleetHistoryRecord> page = Page.of(records, p, "DescribeFleetHistory", 1, 1000);
            Xml x = Xml.response("DescribeFleetHistory", requestId).start("historyRecordSet");
            for (FleetHistoryRecord r : page.items()) {
                x.item().start("eventInformation").field("eventDescription", r.description())
                        .field("eventSubType", r.eventSubType()).field("instanceId", r.instanceId()).end()
                        .field("eventType", r.eventType()).field("timestamp", r.timestamp()).end();
            }
            return x.end().field("lastEvaluatedTime", w.now()).field("nextToken", page.nextToken())
                    .field("fleetId", f.id).field("startTime", start).finish();
        });
    }

    String delete(QueryParams p, String requestId) {
        List<String> ids = p.list("FleetId");
        if (ids.isEmpty()) {
            throw Ec2ApiException.missing("FleetId");
        }
        boolean terminate = p.bool("TerminateInstances").orElseThrow(() -> Ec2ApiException.missing("TerminateInstances"));
        return w.locked(() -> {
            int instant = 0;
            int other = 0;
            for (String id : ids) {
                Fleet f = w.fleets.get(id);
                if (f != null && f.type.equals("instant")) {
                    instant++;
                } else {
                    other++;
                }
            }
            if (instant > 25 || other > 100) {
                throw Ec2ApiException.invalidValue("FleetId", ids.size() + " fleets",
                        "You can delete up to 25 instant fleets and 100 maintain or request fleets in a single request.");
            }
            Xml x = Xml.response("DeleteFleets", requestId);
            List<String[]> ok = new ArrayList<>();
            List<String[]> failed = new ArrayList<>();
            for (String id : ids) {
                Fleet f = w.fleets.get(id);
                if (!id.startsWith("fleet-")) {
                    failed.add(new String[] {id, "fleetIdMalformed", "The fleet ID '" + id + "' is malformed"});
                } else if (f == null) {
                    failed.add(new String[] {id, "fleetIdDoesNotExist", "The fleet ID '" + id + "' does not exist"});
                } else if (f.type.equals("instant") && !terminate) {
                    failed.add(new String[] {id, "fleetNotInDeletableState",
                            "An instant fleet can only be deleted together with its instances (TerminateInstances=true)"});
                } else {
                    String previous = f.state;
                    if (!f.deleted()) {
                        if (terminate) {
                            for (String iid : f.instanceIds) {
                                Instance i = w.instances.get(iid);
                                if (i != null && !i.state.gone()) {
                                    w.terminate(i, "Client.UserInitiatedShutdown",
                                            "Client.UserInitiatedShutdown: Fleet deleted", "Service initiated (fleet deleted)", false);
                                }
                            }
                        }
                        w.fleetEngine.setState(f, terminate ? "deleted_terminating" : "deleted_running");
                    }
                    ok.add(new String[] {id, f.state, previous});
                }
            }
            x.start("successfulFleetDeletionSet");
            for (String[] r : ok) {
                x.item().field("currentFleetState", r[1]).field("previousFleetState", r[2]).field("fleetId", r[0]).end();
            }
            x.end().start("unsuccessfulFleetDeletionSet");
            for (String[] r : failed) {
                x.item().start("error").field("code", r[1]).field("message", r[2]).end().field("fleetId", r[0]).end();
            }
            return x.end().finish();
        });
    }

    private Fleet fleet(String id) {
        if (!id.startsWith("fleet-")) {
            throw new Ec2ApiException("InvalidFleetId.Malformed", "The fleet ID '" + id + "' is malformed");
        }
        Fleet f = w.fleets.get(id);
        if (f == null) {
            throw new Ec2ApiException("InvalidFleetId.NotFound", "The fleet ID '" + id + "' does not exist");
        }
        return f;
    }

    private Collection<String> attribute(Fleet f, String name) {
        String v = switch (name) {
            case "activity-status" -> f.activityStatus;
            case "excess-capacity-termination-policy" -> f.excessCapacityTerminationPolicy;
            case "fleet-state" -> f.state;
            case "replace-unhealthy-instances" -> String.valueOf(f.replaceUnhealthyInstances);
            case "type" -> f.type;
            default -> null;
        };
        return v == null ? List.of() : List.of(v);
    }
}
