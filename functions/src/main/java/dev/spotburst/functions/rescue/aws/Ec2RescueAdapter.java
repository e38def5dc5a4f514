package dev.spotburst.functions.rescue.aws;

import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.rescue.RescueEc2;
import dev.spotburst.functions.rescue.RescueEc2Exception;
import dev.spotburst.functions.rescue.RescueInstance;
import dev.spotburst.functions.rescue.RescueLaunch;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link RescueEc2} over the SDK: sends {@link RescueRequests}, retries throttling, maps EC2 errors to codes. */
public final class Ec2RescueAdapter implements RescueEc2 {

    private final Ec2Client ec2;
    private final ThrottleRetry retry;

    public Ec2RescueAdapter(Ec2Client ec2, ThrottleRetry retry) {
        this.ec2 = ec2;
        this.retry = retry;
    }

    @Override
    public Optional<RescueInstance> instance(String instanceId) {
        try {
            var resp = call("DescribeInstances", () -> ec2.describeInstances(r -> r.instanceIds(instanceId)));
            return resp.reservations().stream().flatMap(r -> r.instances().stream()).findFirst().map(Ec2RescueAdapter::view);
        } catch (RescueEc2Exception e) {
            if (e.code().equals("InvalidInstanceID.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<RescueInstance> rescuersOf(String spotInstanceId) {
        var out = new ArrayList<RescueInstance>();
        call("DescribeInstances", () -> ec2.describeInstances(RescueRequests.rescuersOf(spotInstanceId)))
                .reservations().forEach(r -> r.instances().forEach(i -> out.add(view(i))));
        return out;
    }

    @Override
    public String launch(RescueLaunch launch) {
        return call("RunInstances", () -> ec2.runInstances(RescueRequests.launch(launch))).instances().get(0).instanceId();
    }

    @Override
    public void stop(String instanceId, boolean hibernate) {
        call("StopInstances", () -> ec2.stopInstances(hibernate ? RescueRequests.hibernate(instanceId)
                : software.amazon.awssdk.services.ec2.model.StopInstancesRequest.builder().instanceIds(instanceId).build()));
    }

    @Override
    public void start(String instanceId) {
        call("StartInstances", () -> ec2.startInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public void terminate(String instanceId) {
        call("TerminateInstances", () -> ec2.terminateInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public void cancelSpotRequest(String spotRequestId) {
        call("CancelSpotInstanceRequests", () -> ec2.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(spotRequestId)));
    }

    @Override
    public Optional<String> volumeState(String volumeId) {
        try {
            return call("DescribeVolumes", () -> ec2.describeVolumes(r -> r.volumeIds(volumeId))).volumes().stream()
                    .findFirst().map(v -> v.stateAsString());
        } catch (RescueEc2Exception e) {
            if (e.code().equals("InvalidVolume.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void detachVolume(String volumeId) {
        call("DetachVolume", () -> ec2.detachVolume(r -> r.volumeId(volumeId)));
    }

    @Override
    public void attachVolume(String volumeId, String instanceId, String device) {
        call("AttachVolume", () -> ec2.attachVolume(RescueRequests.attachRoot(volumeId, instanceId, device)));
    }

    @Override
    public void deleteOnTermination(String instanceId, String device) {
        call("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(RescueRequests.deleteOnTermination(instanceId, device)));
    }

    @Override
    public void deleteVolume(String volumeId) {
        call("DeleteVolume", () -> ec2.deleteVolume(r -> r.volumeId(volumeId)));
    }

    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        call("CreateTags", () -> ec2.createTags(r -> r.resources(resourceId).tags(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    }

    private <T> T call(String op, Supplier<T> s) {
        try {
            return retry.call(op, s);
        } catch (Ec2Exception e) {
            String code = e.awsErrorDetails() == null ? "Unknown" : e.awsErrorDetails().errorCode();
            throw new RescueEc2Exception(code, op + ": " + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()));
        }
    }

    static RescueInstance view(Instance i) {
        Map<String, String> tags = new LinkedHashMap<>();
        i.tags().forEach(t -> tags.put(t.key(), t.value()));
        String root = i.blockDeviceMappings().stream().filter(b -> b.deviceName().equals(i.rootDeviceName()) && b.ebs() != null)
                .map(b -> b.ebs().volumeId()).findFirst().orElse(null);
        return new RescueInstance(i.instanceId(), i.state().nameAsString(), i.instanceTypeAsString(), i.subnetId(),
                i.placement() == null ? null : i.placement().availabilityZone(), i.privateIpAddress(),
                i.rootDeviceName(), root, i.spotInstanceRequestId(), tags);
    }
}
