package dev.spotburst.functions.ec2;

import dev.spotburst.functions.launch.InstanceInventory;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.launch.LaunchOutcome;
import dev.spotburst.functions.launch.LaunchPlan;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.LaunchedInstance;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.model.Market;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The one EC2 adapter: sends requests built by {@link Ec2Requests}, retries throttling, maps responses. */
public final class Ec2Gateway implements LaunchCapacity, InstanceInventory {

    /** TerminateInstances accepts at most 1000 ids per call. */
    static final int TERMINATE_BATCH = 1000;
    /** DescribeInstances / filters: at most 200 values per call. */
    static final int DESCRIBE_BATCH = 200;
    static final int CANCEL_BATCH = 200;
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final Ec2Client ec2;
    private final ThrottleRetry retry;
    private final Map<String, String> subnetZones = new ConcurrentHashMap<>();

    public Ec2Gateway(Ec2Client ec2, ThrottleRetry retry) {
        this.ec2 = ec2;
        this.retry = retry;
    }

    @Override
    public LaunchOutcome launch(LaunchPlan plan) {
        return switch (plan) {
            case LaunchPlan.Fleet f -> fleet(f);
            case LaunchPlan.Instance i -> instance(i);
        };
    }

    private LaunchOutcome fleet(LaunchPlan.Fleet plan) {
        CreateFleetResponse resp;
        try {
            resp = retry.call("CreateFleet", () -> ec2.createFleet(Ec2Requests.createFleet(plan)));
        } catch (Ec2Exception e) {
            return LaunchOutcome.failed(new LaunchError(code(e), e.awsErrorDetails().errorMessage(), null, null,
                    plan.market()));
        }
        var instances = new ArrayList<LaunchedInstance>();
        for (var fi : resp.instances()) {
            var o = fi.launchTemplateAndOverrides() == null ? null : fi.launchTemplateAndOverrides().overrides();
            Market m = "spot".equals(fi.lifecycleAsString()) ? Market.SPOT : Market.ON_DEMAND;
            for (var id : fi.instanceIds()) {
                instances.add(new LaunchedInstance(id, fi.instanceTypeAsString(), o == null ? null : o.subnetId(), m, null));
            }
        }
        var errors = resp.errors().stream().map(e -> {
            var o = e.launchTemplateAndOverrides() == null ? null : e.launchTemplateAndOverrides().overrides();
            return new LaunchError(e.errorCode(), e.errorMessage(), o == null ? null : o.instanceTypeAsString(),
                    o == null ? null : o.subnetId(), "spot".equals(e.lifecycleAsString()) ? Market.SPOT : Market.ON_DEMAND);
        }).toList();
        return new LaunchOutcome(instances, errors);
    }

    private LaunchOutcome instance(LaunchPlan.Instance plan) {
        try {
            var resp = retry.call("RunInstances", () -> ec2.runInstances(Ec2Requests.runInstance(plan)));
            var out = resp.instances().stream().map(i -> new LaunchedInstance(i.instanceId(), i.instanceTypeAsString(),
                    i.subnetId(), plan.market(), i.spotInstanceRequestId())).toList();
            return new LaunchOutcome(out, List.of());
        } catch (Ec2Exception e) {
            return LaunchOutcome.failed(new LaunchError(code(e), e.awsErrorDetails().errorMessage(),
                    plan.pool().instanceType(), plan.pool().subnetId(), plan.market()));
        }
    }

    @Override
    public void tag(String instanceId, List<LaunchTag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        retry.call("CreateTags", () -> ec2.createTags(CreateTagsRequest.builder().resources(instanceId)
                .tags(tags.stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList()).build()));
    }

    @Override
    public Map<String, String> subnetZones(Collection<String> subnetIds) {
        var missing = subnetIds.stream().filter(s -> !subnetZones.containsKey(s)).distinct().toList();
        if (!missing.isEmpty()) {
            try {
                retry.call("DescribeSubnets", () -> ec2.describeSubnets(DescribeSubnetsRequest.builder()
                        .subnetIds(missing).build())).subnets()
                        .forEach(s -> subnetZones.put(s.subnetId(), s.availabilityZone()));
            } catch (Ec2Exception e) {
                // Only used to word failure reasons; the subnet id is an acceptable fallback.
            }
        }
        var out = new LinkedHashMap<String, String>();
        subnetIds.forEach(s -> out.put(s, subnetZones.getOrDefault(s, s)));
        return out;
    }

    @Override
    public List<InstanceView> describe(Collection<String> instanceIds) {
        var out = new ArrayList<InstanceView>();
        for (var chunk : chunks(List.copyOf(instanceIds), DESCRIBE_BATCH)) {
            var filter = Filter.builder().name("instance-id").values(chunk).build();
            out.addAll(describeAll(DescribeInstancesRequest.builder().filters(filter).build()));
        }
        return out;
    }

    @Override
    public List<InstanceView> clusterInstances(String cluster) {
        return describeAll(DescribeInstancesRequest.builder().filters(
                Filter.builder().name("tag:" + LaunchTags.CLUSTER).values(cluster).build(),
                Filter.builder().name("instance-state-name").values(LIVE_STATES).build()).build());
    }

    private List<InstanceView> describeAll(DescribeInstancesRequest first) {
        var out = new ArrayList<InstanceView>();
        String token = null;
        do {
            var req = first.toBuilder().nextToken(token).build();
            var resp = retry.call("DescribeInstances", () -> ec2.describeInstances(req));
            resp.reservations().forEach(r -> r.instances().forEach(i -> out.add(view(i))));
            token = resp.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    @Override
    public List<SpotRequestView> clusterSpotRequests(String cluster) {
        return describeSpot(DescribeSpotInstanceRequestsRequest.builder()
                .filters(Filter.builder().name("tag:" + LaunchTags.CLUSTER).values(cluster).build()).build());
    }

    @Override
    public List<SpotRequestView> describeSpotRequests(Collection<String> spotRequestIds) {
        var out = new ArrayList<SpotRequestView>();
        // By filter, not by id: an unknown id would fail the whole call with InvalidSpotInstanceRequestID.NotFound.
        for (var chunk : chunks(List.copyOf(spotRequestIds), DESCRIBE_BATCH)) {
            out.addAll(describeSpot(DescribeSpotInstanceRequestsRequest.builder()
                    .filters(Filter.builder().name("spot-instance-request-id").values(chunk).build()).build()));
        }
        return out;
    }

    private List<SpotRequestView> describeSpot(DescribeSpotInstanceRequestsRequest first) {
        var out = new ArrayList<SpotRequestView>();
        String token = null;
        do {
            var req = first.toBuilder().nextToken(token).build();
            var resp = retry.call("DescribeSpotInstanceRequests", () -> ec2.describeSpotInstanceRequests(req));
            resp.spotInstanceRequests().forEach(s -> out.add(new SpotRequestView(s.spotInstanceRequestId(),
                    s.stateAsString(), s.status() == null ? null : s.status().code(), s.instanceId(),
                    tags(s.tags()).get(LaunchTags.NODE), s.createTime())));
            token = resp.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    @Override
    public void cancelSpotRequests(Collection<String> spotRequestIds) {
        for (var chunk : chunks(List.copyOf(spotRequestIds), CANCEL_BATCH)) {
            try {
                retry.call("CancelSpotInstanceRequests", () -> ec2.cancelSpotInstanceRequests(
                        CancelSpotInstanceRequestsRequest.builder().spotInstanceRequestIds(chunk).build()));
            } catch (Ec2Exception e) {
                if (!code(e).startsWith("InvalidSpotInstanceRequestID")) {
                    throw e;
                }
                // One unknown id fails the whole call: cancel the rest one by one.
                chunk.forEach(this::cancelOne);
            }
        }
    }

    private void cancelOne(String id) {
        try {
            retry.call("CancelSpotInstanceRequests", () -> ec2.cancelSpotInstanceRequests(
                    CancelSpotInstanceRequestsRequest.builder().spotInstanceRequestIds(id).build()));
        } catch (Ec2Exception e) {
            if (!code(e).startsWith("InvalidSpotInstanceRequestID")) {
                throw e;
            }
        }
    }

    @Override
    public Map<String, String> terminate(Collection<String> instanceIds) {
        var out = new HashMap<String, String>();
        for (var chunk : chunks(List.copyOf(instanceIds), TERMINATE_BATCH)) {
            try {
                var resp = retry.call("TerminateInstances", () -> ec2.terminateInstances(
                        TerminateInstancesRequest.builder().instanceIds(chunk).build()));
                resp.terminatingInstances().forEach(t -> out.put(t.instanceId(), t.currentState().nameAsString()));
            } catch (Ec2Exception e) {
                if (!code(e).startsWith("InvalidInstanceID")) {
                    throw e;
                }
                // One unknown id fails the whole call; retry singly so the known ones still go.
                for (var id : chunk) {
                    out.put(id, terminateOne(id));
                }
            }
        }
        return out;
    }

    private String terminateOne(String id) {
        try {
            var resp = retry.call("TerminateInstances", () -> ec2.terminateInstances(
                    TerminateInstancesRequest.builder().instanceIds(id).build()));
            return resp.terminatingInstances().isEmpty() ? "terminated"
                    : resp.terminatingInstances().getFirst().currentState().nameAsString();
        } catch (Ec2Exception e) {
            if (code(e).startsWith("InvalidInstanceID")) {
                return "terminated";
            }
            throw e;
        }
    }

    static InstanceView view(Instance i) {
        return new InstanceView(i.instanceId(), i.state() == null ? null : i.state().nameAsString(),
                i.instanceTypeAsString(), i.placement() == null ? null : i.placement().availabilityZone(),
                i.subnetId(), i.privateIpAddress(), i.privateDnsName(), i.launchTime(),
                "spot".equals(i.instanceLifecycleAsString()) ? Market.SPOT : Market.ON_DEMAND,
                i.spotInstanceRequestId(), tags(i.tags()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags == null ? Map.of() : tags.stream().collect(Collectors.toMap(Tag::key,
                t -> t.value() == null ? "" : t.value(), (a, b) -> b));
    }

    private static String code(Ec2Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "Unknown"
                : e.awsErrorDetails().errorCode();
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        var out = new ArrayList<List<T>>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
