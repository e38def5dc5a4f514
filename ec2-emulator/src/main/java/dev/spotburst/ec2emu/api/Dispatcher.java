package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.QueryParams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Routes an EC2 Query request to its action after the common steps every EC2 call goes through: Action present
 * ({@code MissingAction}), counted, artificial latency, throttling ({@code RequestLimitExceeded}, HTTP 503), known
 * action ({@code InvalidAction}), {@code DryRun} ({@code DryRunOperation}, HTTP 412).
 */
public final class Dispatcher {

    private final World w;
    private final Map<String, Action> actions = new HashMap<>();

    public Dispatcher(World w) {
        this.w = w;
        RunInstancesAction run = new RunInstancesAction(w);
        InstanceStateActions states = new InstanceStateActions(w);
        TagActions tags = new TagActions(w);
        SpotActions spot = new SpotActions(w);
        FleetActions fleets = new FleetActions(w);
        CatalogActions catalog = new CatalogActions(w);
        LaunchTemplateActions lts = new LaunchTemplateActions(w);
        VolumeActions volumes = new VolumeActions(w);
        actions.put("RunInstances", run);
        actions.put("DescribeInstances", new DescribeInstancesAction(w));
        actions.put("TerminateInstances", states::terminate);
        actions.put("StopInstances", states::stop);
        actions.put("StartInstances", states::start);
        actions.put("CreateTags", tags::create);
        actions.put("DeleteTags", tags::delete);
        actions.put("DescribeTags", tags::describe);
        actions.put("DescribeSpotInstanceRequests", spot::describe);
        actions.put("CancelSpotInstanceRequests", spot::cancel);
        actions.put("CreateFleet", fleets::create);
        actions.put("ModifyFleet", fleets::modify);
        actions.put("DescribeFleets", fleets::describe);
        actions.put("DescribeFleetInstances", fleets::describeInstances);
        actions.put("DescribeFleetHistory", fleets::history);
        actions.put("DeleteFleets", fleets::delete);
        actions.put("DescribeInstanceTypes", catalog::instanceTypes);
        actions.put("DescribeSubnets", catalog::subnets);
        actions.put("DescribeAvailabilityZones", catalog::availabilityZones);
        actions.put("DescribeSpotPriceHistory", catalog::spotPriceHistory);
        actions.put("CreateLaunchTemplate", lts::create);
        actions.put("DescribeLaunchTemplates", lts::describe);
        actions.put("DescribeLaunchTemplateVersions", lts::describeVersions);
        actions.put("DescribeVolumes", volumes::describe);
        actions.put("AttachVolume", volumes::attach);
        actions.put("DetachVolume", volumes::detach);
        actions.put("DeleteVolume", volumes::delete);
        actions.put("ModifyInstanceAttribute", new InstanceAttributeActions(w)::modify);
    }

    public Set<String> actionNames() {
        return actions.keySet();
    }

    public String dispatch(Map<String, String> form, String requestId) {
        String action = form.get("Action");
        if (action == null || action.isBlank()) {
            throw new Ec2ApiException("MissingAction", "The request must contain the parameter Action");
        }
        w.countCall(action);
        Duration latency = w.latency();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!w.admit(action)) {
            throw new Ec2ApiException("RequestLimitExceeded", "Request limit exceeded.", 503);
        }
        Action handler = actions.get(action);
        if (handler == null) {
            throw new Ec2ApiException("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        QueryParams params = QueryParams.of(form);
        if (params.bool("DryRun").orElse(false)) {
            throw new Ec2ApiException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
        }
        return handler.handle(params, requestId);
    }
}
