package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.FleetEngine;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.LaunchSpec;
import dev.spotburst.ec2emu.core.LaunchTemplate;
import dev.spotburst.ec2emu.core.PoolKey;
import dev.spotburst.ec2emu.core.SpotRequest;
import dev.spotburst.ec2emu.core.Subnet;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RunInstances (API Reference, "RunInstances"): launches between MinCount and MaxCount instances or fails with
 * {@code InsufficientInstanceCapacity} when fewer than MinCount fit. A Spot market launch creates one Spot request per
 * instance; stop/hibernate interruption behaviour needs a persistent request (EC2 User Guide, "Stop interrupted Spot
 * Instances" / "Hibernate interrupted Spot Instances") or the call is {@code InvalidParameterCombination}.
 * A repeated ClientToken returns the original reservation (EC2 User Guide, "Ensure idempotency").
 */
final class RunInstancesAction implements Action {

    /** When neither the call nor the launch template names a type (real EC2 would use m1.small). */
    static final String DEFAULT_TYPE = "t3.micro";

    private final World w;

    RunInstancesAction(World w) {
        this.w = w;
    }

    @Override
    public String handle(QueryParams p, String requestId) {
        int max = p.integer("MaxCount").orElseThrow(() -> Ec2ApiException.missing("MaxCount"));
        int min = p.integer("MinCount").orElseThrow(() -> Ec2ApiException.missing("MinCount"));
        if (min < 1) {
            throw Ec2ApiException.invalidValue("MinCount", String.valueOf(min), "Expected: at least 1.");
        }
        if (max < 1) {
            throw Ec2ApiException.invalidValue("MaxCount", String.valueOf(max), "Expected: at least 1.");
        }
        if (min > max) {
            throw Ec2ApiException.invalidValue("MinCount", String.valueOf(min), "MinCount must be less than or equal to MaxCount (" + max + ").");
        }
        String token = p.get("ClientToken");
        return w.locked(() -> {
            if (token != null && w.runTokens.containsKey(token)) {
                return render(requestId, w.runTokens.get(token));
            }
            return render(requestId, launch(p, min, max, token));
        });
    }

    private String launch(QueryParams p, int min, int max, String token) {
        QueryParams ltp = p.sub("LaunchTemplate");
        LaunchTemplate lt = null;
        if (p.has("LaunchTemplate")) {
            lt = LaunchTemplateRefs.resolve(w, ltp.get("LaunchTemplateId"), ltp.get("LaunchTemplateName"),
                    ltp.get("Version"), "LaunchTemplate");
        }
        String imageId = p.opt("ImageId").orElse(lt == null ? null : lt.imageId());
        if (imageId == null) {
            throw Ec2ApiException.missing("ImageId");
        }
        if (!imageId.startsWith("ami-")) {
            throw new Ec2ApiException("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        String type = p.opt("InstanceType").orElse(lt != null && lt.instanceType() != null ? lt.instanceType() : DEFAULT_TYPE);
        InstanceTypeSpec typeSpec = w.instanceTypes.get(type);
        if (typeSpec == null) {
            throw new Ec2ApiException("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
        }
        Subnet subnet = chooseSubnet(p, lt, type);

        QueryParams market = p.sub("InstanceMarketOptions");
        String marketType = market.oneOf("MarketType", "spot", "capacity-block", "interruptible-capacity-reservation").orElse(null);
        if (marketType != null && !marketType.equals("spot")) {
            throw Ec2ApiException.invalidValue("InstanceMarketOptions.MarketType", marketType, "The emulator supports only 'spot'.");
        }
        boolean spot = "spot".equals(marketType);
        QueryParams so = market.sub("SpotOptions");
        String spotType = so.oneOf("SpotInstanceType", "one-time", "persistent").orElse("one-time");
        String behavior = so.oneOf("InstanceInterruptionBehavior", "hibernate", "stop", "terminate").orElse("terminate");
        String maxPrice = so.get("MaxPrice");
        if (!spot && (market.has("SpotOptions"))) {
            throw Ec2ApiException.combination("InstanceMarketOptions.SpotOptions requires InstanceMarketOptions.MarketType=spot.");
        }
        if (spot && !behavior.equals("terminate") && !spotType.equals("persistent")) {
            throw Ec2ApiException.combination("The InstanceInterruptionBehavior '" + behavior
                    + "' is supported only for persistent Spot Instance requests (SpotInstanceType=persistent).");
        }
        boolean hibernation = p.sub("HibernationOptions").bool("Configured")
                .orElse(lt != null && Boolean.TRUE.equals(lt.hibernationConfigured()));
        if ((hibernation || (spot && behavior.equals("hibernate"))) && !typeSpec.hibernationSupported()) {
            throw new Ec2ApiException("UnsupportedHibernationConfiguration",
                    "The instance type " + type + " does not support hibernation.");
        }
        if (spot && maxPrice != null) {
            double mp;
            try {
                mp = Double.parseDouble(maxPrice);
            } catch (NumberFormatException e) {
                throw Ec2ApiException.invalidValue("InstanceMarketOptions.SpotOptions.MaxPrice", maxPrice, "Expected: a price.");
            }
            double price = w.spotPrice(type, subnet.spec.availabilityZone());
            if (mp < price) {
                throw new Ec2ApiException("SpotMaxPriceTooLow", "Your Spot request price of " + maxPrice
                        + " is lower than the minimum required Spot request fulfillment price of " + price + ".");
            }
        }
        Map<String, String> instanceTags = new LinkedHashMap<>(lt == null ? Map.of() : lt.instanceTags());
        instanceTags.putAll(TagSpecs.forType(p, "TagSpecification", "instance", TagSpecs.RUN_INSTANCES_TYPES));
        Map<String, String> requestTags = TagSpecs.forType(p, "TagSpecification", "spot-instances-request", TagSpecs.RUN_INSTANCES_TYPES);

        String mkt = spot ? "spot" : "on-demand";
        int fit = Math.min(w.available(new PoolKey(type, subnet.spec.availabilityZone(), mkt)), subnet.availableIpAddressCount());
        if (fit < min) {
            throw new Ec2ApiException("InsufficientInstanceCapacity",
                    FleetEngine.insufficientMessage(type, subnet.spec.availabilityZone(), mkt));
        }
        int count = Math.min(max, fit);
        if (spot) {
            int budget = w.opts.maxSpotInstances() - w.activeSpotInstances();
            if (budget < min) {
                throw new Ec2ApiException("MaxSpotInstanceCountExceeded", "Max spot instance count exceeded");
            }
            count = Math.min(count, budget);
        }
        String reservationId = w.ids.reservation();
        String ltId = lt == null ? null : lt.id();
        String ltName = lt == null ? null : lt.name();
        String ltVersion = lt == null ? null : ltp.opt("Version").orElse("$Default");
        for (int n = 0; n < count; n++) {
            LaunchSpec spec = new LaunchSpec(type, subnet, mkt, imageId, p.opt("KeyName").orElse(lt == null ? null : lt.keyName()),
                    hibernation, spot ? behavior : null, null, null, ltId, ltName, ltVersion, token, reservationId, n,
                    1.0, instanceTags);
            SpotRequest r = null;
            if (spot) {
                r = w.spot.create(spotType, maxPrice != null ? maxPrice : String.valueOf(w.onDemandPrice(type)), behavior, spec, false);
                if (!requestTags.isEmpty()) {
                    w.tags.put(r.id, new LinkedHashMap<>(requestTags));
                }
                spec = new LaunchSpec(type, subnet, mkt, imageId, spec.keyName(), hibernation, behavior, r.id, null,
                        ltId, ltName, ltVersion, token, reservationId, n, 1.0, instanceTags);
            }
            Instance i = w.launch(spec);
            if (r != null) {
                w.spot.fulfilled(r, i.id);
            }
        }
        if (token != null) {
            w.runTokens.put(token, reservationId);
        }
        return reservationId;
    }

    private Subnet chooseSubnet(QueryParams p, LaunchTemplate lt, String type) {
        String subnetId = p.opt("SubnetId").or(() -> p.opt("NetworkInterface.1.SubnetId"))
                .orElse(lt == null ? null : lt.subnetId());
        String az = p.sub("Placement").get("AvailabilityZone");
        if (az != null && !w.availabilityZones.contains(az)) {
            throw new Ec2ApiException("InvalidParameterValue", "Invalid availability zone: [" + az + "]");
        }
        if (subnetId != null) {
            Subnet s = w.subnets.get(subnetId);
            if (s == null) {
                throw new Ec2ApiException("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
            }
            if (az != null && !az.equals(s.spec.availabilityZone())) {
                throw Ec2ApiException.combination("The subnet " + subnetId + " is in " + s.spec.availabilityZone()
                        + ", not in the requested Availability Zone " + az + ".");
            }
            return s;
        }
        List<Subnet> defaults = new ArrayList<>();
        for (Subnet s : w.subnets.values()) {
            if (s.spec.defaultForAz() && (az == null || az.equals(s.spec.availabilityZone()))) {
                defaults.add(s);
            }
        }
        if (defaults.isEmpty()) {
            throw new Ec2ApiException("MissingInput", "No subnets found for the default VPC. Please specify a subnet.");
        }
        // Without a subnet EC2 picks an AZ for you; prefer one whose pool has room (on-demand view).
        for (Subnet s : defaults) {
            if (w.available(new PoolKey(type, s.spec.availabilityZone(), p.has("InstanceMarketOptions") ? "spot" : "on-demand")) > 0) {
                return s;
            }
        }
        return defaults.get(0);
    }

    private String render(String requestId, String reservationId) {
        Xml x = Xml.response("RunInstances", requestId);
        x.field("reservationId", reservationId).field("ownerId", w.opts.accountId()).start("groupSet").end();
        x.start("instancesSet");
        for (Instance i : w.instances.values()) {
            if (reservationId.equals(i.reservationId)) {
                InstanceXml.instance(x, w, i);
            }
        }
        x.end();
        return x.finish();
    }
}
