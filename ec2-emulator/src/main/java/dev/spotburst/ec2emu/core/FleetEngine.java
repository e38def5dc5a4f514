package dev.spotburst.ec2emu.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2 Fleet allocation and upkeep. {@code instant} fleets allocate synchronously and never again; {@code request}
 * fleets try until the target is reached once and do not replenish; {@code maintain} fleets replenish whenever
 * running capacity drops, launching replacements from whichever pool the allocation strategy picks — a stopped
 * (interrupted) instance is not restarted in preference (EC2 User Guide, "Stop interrupted Spot Instances" and
 * "EC2 Fleet request types").
 */
public final class FleetEngine {

    private final World w;

    FleetEngine(World w) {
        this.w = w;
    }

    /** Launches toward the given unit counts now; records nothing on the fleet's history for instant fleets. */
    public FleetLaunchResult allocate(Fleet f, double spotUnits, double onDemandUnits, boolean enforceMinimum) {
        List<FleetLaunchResult.Launched> launched = new ArrayList<>();
        List<FleetLaunchResult.Failed> errors = new ArrayList<>();
        if (spotUnits > 0) {
            allocateMarket(f, "spot", spotUnits, enforceMinimum ? f.spotMinTargetCapacity : null, launched, errors);
        }
        if (onDemandUnits > 0) {
            allocateMarket(f, "on-demand", onDemandUnits, enforceMinimum ? f.onDemandMinTargetCapacity : null, launched, errors);
        }
        return new FleetLaunchResult(launched, errors);
    }

    private void allocateMarket(Fleet f, String market, double units, Integer minimum,
                                List<FleetLaunchResult.Launched> launched, List<FleetLaunchResult.Failed> errors) {
        String lifecycle = market.equals("spot") ? "spot" : "on-demand";
        Map<FleetOverride, Integer> avail = new LinkedHashMap<>();
        List<FleetLaunchResult.Failed> priceErrors = new ArrayList<>();
        for (FleetOverride o : f.pools) {
            if (market.equals("spot") && o.maxPrice() != null && parsePrice(o.maxPrice()) < w.spotPrice(o.instanceType(), o.availabilityZone())) {
                priceErrors.add(new FleetLaunchResult.Failed(o, lifecycle, "SpotMaxPriceTooLow",
                        "Your Spot request price of " + o.maxPrice() + " is lower than the minimum required Spot request fulfillment price of "
                                + w.spotPrice(o.instanceType(), o.availabilityZone()) + "."));
                continue;
            }
            Subnet s = w.subnets.get(o.subnetId());
            int n = Math.min(w.available(new PoolKey(o.instanceType(), o.availabilityZone(), market)),
                    s == null ? 0 : s.availableIpAddressCount());
            avail.put(o, n);
        }
        Map<FleetOverride, Integer> initial = new HashMap<>(avail);
        String strategy = market.equals("spot") ? f.spotAllocationStrategy : f.onDemandAllocationStrategy;
        List<FleetOverride> picks = new ArrayList<>();
        double need = units;
        int spotBudget = market.equals("spot") ? w.opts.maxSpotInstances() - w.activeSpotInstances() : Integer.MAX_VALUE;
        boolean limitHit = false;
        int rr = 0;
        FleetOverride first = null;
        while (need > 0) {
            List<FleetOverride> usable = new ArrayList<>();
            for (var e : avail.entrySet()) {
                FleetOverride o = e.getKey();
                if (e.getValue() <= 0) {
                    continue;
                }
                if (first != null && f.singleInstanceType && !o.instanceType().equals(first.instanceType())) {
                    continue;
                }
                if (first != null && f.singleAvailabilityZone && !o.availabilityZone().equals(first.availabilityZone())) {
                    continue;
                }
                usable.add(o);
            }
            if (usable.isEmpty()) {
                break;
            }
            if (picks.size() >= spotBudget) {
                limitHit = true;
                break;
            }
            FleetOverride pick;
            if ("diversified".equals(strategy)) {
                usable.sort(byPrice(market));
                pick = usable.get(rr++ % usable.size());
            } else {
                usable.sort(order(strategy, market, avail));
                pick = usable.get(0);
            }
            if (first == null) {
                first = pick;
            }
            picks.add(pick);
            avail.merge(pick, -1, Integer::sum);
            need -= pick.weight();
        }
        double got = units - Math.max(0, need);
        if (minimum != null && got < minimum) {
            picks.clear();
            need = units;
        }
        if (need > 0) {
            for (var e : initial.entrySet()) {
                if (avail.get(e.getKey()) <= 0) {
                    FleetOverride o = e.getKey();
                    errors.add(new FleetLaunchResult.Failed(o, lifecycle, "InsufficientInstanceCapacity",
                            insufficientMessage(o.instanceType(), o.availabilityZone(), market)));
                }
            }
            errors.addAll(priceErrors);
            if (limitHit) {
                errors.add(new FleetLaunchResult.Failed(picks.isEmpty() ? f.pools.get(0) : picks.get(0), lifecycle,
                        "MaxSpotInstanceCountExceeded", "Max spot instance count exceeded"));
            }
        }
        Map<FleetOverride, List<String>> grouped = new LinkedHashMap<>();
        for (FleetOverride o : picks) {
            Instance i = launchOne(f, o, market);
            grouped.computeIfAbsent(o, k -> new ArrayList<>()).add(i.id);
        }
        grouped.forEach((o, ids) -> launched.add(new FleetLaunchResult.Launched(o, lifecycle, ids)));
    }

    public static String insufficientMessage(String type, String az, String market) {
        return "We currently do not have sufficient " + type + " capacity in the Availability Zone you requested ("
                + az + "). Our system will be working on provisioning additional capacity. You can currently get "
                + type + " capacity by not specifying an Availability Zone in your request or choosing other Availability Zones."
                + ("spot".equals(market) ? " (Spot)" : "");
    }

    private Comparator<FleetOverride> byPrice(String market) {
        return Comparator.comparingDouble(o -> price(o, market) / o.weight());
    }

    private Comparator<FleetOverride> byPriority() {
        return Comparator.comparingDouble(o -> o.priority() == null ? Double.MAX_VALUE : o.priority());
    }

    private Comparator<FleetOverride> order(String strategy, String market, Map<FleetOverride, Integer> avail) {
        Comparator<FleetOverride> capacity = Comparator.comparingInt((FleetOverride o) -> avail.get(o)).reversed();
        return switch (strategy) {
            case "prioritized" -> byPriority().thenComparing(byPrice(market));
            case "capacity-optimized" -> capacity.thenComparing(byPrice(market));
            case "capacity-optimized-prioritized" -> byPriority().thenComparing(capacity);
            case "price-capacity-optimized" -> capacity.thenComparing(byPrice(market));
            default -> byPrice(market);
        };
    }

    private double price(FleetOverride o, String market) {
        return market.equals("spot") ? w.spotPrice(o.instanceType(), o.availabilityZone()) : w.onDemandPrice(o.instanceType());
    }

    private static double parsePrice(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    private Instance launchOne(Fleet f, FleetOverride o, String market) {
        LaunchTemplate lt = w.launchTemplates.get(o.launchTemplateId());
        Map<String, String> tags = new LinkedHashMap<>();
        if (lt != null) {
            tags.putAll(lt.instanceTags());
        }
        tags.putAll(f.instanceTags);
        tags.put("aws:ec2:fleet-id", f.id);
        Subnet subnet = w.subnets.get(o.subnetId());
        boolean hib = lt != null && Boolean.TRUE.equals(lt.hibernationConfigured());
        String image = lt != null && lt.imageId() != null ? lt.imageId() : "ami-0emulator0000000000";
        String behavior = market.equals("spot") ? f.interruptionBehavior : null;
        LaunchSpec spec = new LaunchSpec(o.instanceType(), subnet, market, image, lt == null ? null : lt.keyName(), hib,
                behavior, null, f.id, o.launchTemplateId(), o.launchTemplateName(), o.version(), null,
                w.ids.reservation(), 0, o.weight(), tags);
        SpotRequest r = null;
        if (market.equals("spot")) {
            r = w.spot.create("maintain".equals(f.type) ? "persistent" : "one-time", o.maxPrice() != null ? o.maxPrice()
                    : String.valueOf(w.onDemandPrice(o.instanceType())), behavior, spec, true);
            spec = new LaunchSpec(spec.instanceType(), subnet, market, image, spec.keyName(), hib, behavior, r.id, f.id,
                    spec.launchTemplateId(), spec.launchTemplateName(), spec.launchTemplateVersion(), null,
                    spec.reservationId(), 0, o.weight(), tags);
        }
        Instance i = w.launch(spec);
        if (r != null) {
            w.spot.fulfilled(r, i.id);
        }
        f.instanceIds.add(i.id);
        if (!"instant".equals(f.type)) {
            record(f, "instance-change", "launched", i.id, null);
            w.emit(w.eventFactory.fleetInstanceChange(w.now(), f.id, i, "launched"));
        }
        return i;
    }

    public double fulfilled(Fleet f, String market) {
        double units = 0;
        for (String id : f.instanceIds) {
            Instance i = w.instances.get(id);
            if (i != null && i.state.active() && (market == null || market.equals(i.market))) {
                units += i.weight;
            }
        }
        return units;
    }

    public void setState(Fleet f, String state) {
        if (state.equals(f.state)) {
            return;
        }
        f.state = state;
        if (!"instant".equals(f.type)) {
            record(f, "fleet-change", state, null, null);
            w.emit(w.eventFactory.fleetStateChange(w.now(), f.id, state));
        }
    }

    public void record(Fleet f, String eventType, String subType, String instanceId, String description) {
        f.history.add(new FleetHistoryRecord(w.now(), eventType, subType, instanceId, description));
    }

    void onInstanceState(Instance i) {
        if (i.fleetId == null || i.state != InstanceState.TERMINATED) {
            return;
        }
        Fleet f = w.fleets.get(i.fleetId);
        if (f != null && !"instant".equals(f.type)) {
            record(f, "instance-change", "terminated", i.id, null);
            w.emit(w.eventFactory.fleetInstanceChange(w.now(), f.id, i, "terminated"));
        }
    }

    void onInterruptionNotice(Instance i) {
        Fleet f = i.fleetId == null ? null : w.fleets.get(i.fleetId);
        if (f != null && !"instant".equals(f.type)) {
            record(f, "instance-change", "termination_notified", i.id, null);
            w.emit(w.eventFactory.fleetInstanceChange(w.now(), f.id, i, "termination_notified"));
        }
    }

    void reconcile() {
        for (Fleet f : new ArrayList<>(w.fleets.values())) {
            if (("deleted_terminating".equals(f.state) || "deleted_running".equals(f.state)) && allGone(f)) {
                setState(f, "deleted");
                continue;
            }
            boolean keepsTrying = "maintain".equals(f.type) || ("request".equals(f.type) && !f.everFulfilled);
            if (!"active".equals(f.state) || !keepsTrying) {
                continue;
            }
            double spotNeed = f.spotUnitsWanted() - fulfilled(f, "spot");
            double odNeed = f.onDemandUnitsWanted() - fulfilled(f, "on-demand");
            if (spotNeed <= 0 && odNeed <= 0) {
                f.activityStatus = "fulfilled";
                f.everFulfilled = true;
                f.lastErrorReported = null;
                continue;
            }
            FleetLaunchResult r = allocate(f, Math.max(0, spotNeed), Math.max(0, odNeed), false);
            if (!r.errors().isEmpty()) {
                FleetLaunchResult.Failed e = r.errors().get(0);
                String description = e.pool().instanceType() + ", " + e.pool().availabilityZone() + ", " + e.lifecycle()
                        + ", " + e.errorCode() + ": " + e.errorMessage();
                if (!description.equals(f.lastErrorReported)) {
                    f.lastErrorReported = description;
                    String sub = "MaxSpotInstanceCountExceeded".equals(e.errorCode()) ? "spotInstanceCountLimitExceeded"
                            : "allLaunchSpecsTemporarilyBlacklisted";
                    record(f, "service-error", sub, null, description);
                    w.emit(w.eventFactory.fleetError(w.now(), f.id, sub, description));
                }
            }
            boolean done = f.spotUnitsWanted() - fulfilled(f, "spot") <= 0
                    && f.onDemandUnitsWanted() - fulfilled(f, "on-demand") <= 0;
            f.activityStatus = done ? "fulfilled" : (r.errors().isEmpty() ? "pending_fulfillment" : "error");
            if (done) {
                f.everFulfilled = true;
            }
        }
    }

    boolean allGone(Fleet f) {
        for (String id : f.instanceIds) {
            Instance i = w.instances.get(id);
            if (i != null && i.state != InstanceState.TERMINATED) {
                return false;
            }
        }
        return true;
    }
}
