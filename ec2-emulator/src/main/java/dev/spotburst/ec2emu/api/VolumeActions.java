package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.InstanceState;
import dev.spotburst.ec2emu.core.Volume;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DescribeVolumes, AttachVolume, DetachVolume, DeleteVolume (API Reference and EBS User Guide, "Detach an Amazon EBS
 * volume": the root volume cannot be detached while the instance runs — stop it first; "Attach an EBS volume": the
 * volume and the instance must be in the same Availability Zone, a volume attaches to one instance). A root volume
 * may be attached only to a stopped instance, at its root device name; AttachVolume never sets DeleteOnTermination
 * (it is false until ModifyInstanceAttribute changes it). Attachments complete at once; the responses still say
 * {@code attaching} / {@code detaching}, as EC2's do.
 */
final class VolumeActions {

    private static final Pattern VOLUME = Pattern.compile("vol-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern DEVICE = Pattern.compile("(/dev/)?(sd[a-z]([1-9]|[a-z])?|xvd[a-z]{1,2}[1-9]?)");
    private static final Set<String> FILTERS = Set.of("volume-id", "status", "availability-zone", "encrypted", "size",
            "volume-type", "attachment.instance-id", "attachment.device", "attachment.status",
            "attachment.delete-on-termination");

    private final World w;

    VolumeActions(World w) {
        this.w = w;
    }

    String describe(QueryParams p, String requestId) {
        List<String> ids = p.list("VolumeId");
        Filters filters = Filters.parse(p, FILTERS);
        if (!ids.isEmpty() && p.has("MaxResults")) {
            throw Ec2ApiException.combination("The parameter volumeSet cannot be used with the parameter maxResults");
        }
        return w.locked(() -> {
            List<Volume> candidates = ids.isEmpty() ? new ArrayList<>(w.volumes.values()) : volumes(ids);
            List<Volume> matched = new ArrayList<>();
            for (Volume v : candidates) {
                if (filters.matches(n -> attr(v, n), w.tagsOf(v.id))) {
                    matched.add(v);
                }
            }
            Page<Volume> page = Page.of(matched, p, "DescribeVolumes", 5, 500);
            Xml x = Xml.response("DescribeVolumes", requestId).start("volumeSet");
            for (Volume v : page.items()) {
                volume(x, v);
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    private void volume(Xml x, Volume v) {
        x.item().field("volumeId", v.id).field("size", v.sizeGiB).field("snapshotId", "")
                .field("availabilityZone", v.availabilityZone).field("status", v.state)
                .field("createTime", v.createTime).start("attachmentSet");
        if (v.attached()) {
            x.item().field("volumeId", v.id).field("instanceId", v.instanceId).field("device", v.device)
                    .field("status", "attached").field("attachTime", v.attachTime)
                    .field("deleteOnTermination", v.deleteOnTermination).end();
        }
        x.end().field("volumeType", v.volumeType).field("encrypted", v.encrypted)
                .field("iops", 3000).field("throughput", 125).field("multiAttachEnabled", false);
        TagSpecs.tagSet(x, w.tagsOf(v.id));
        x.end();
    }

    private static Collection<String> attr(Volume v, String name) {
        return switch (name) {
            case "volume-id" -> List.of(v.id);
            case "status" -> List.of(v.state);
            case "availability-zone" -> List.of(v.availabilityZone);
            case "encrypted" -> List.of(String.valueOf(v.encrypted));
            case "size" -> List.of(String.valueOf(v.sizeGiB));
            case "volume-type" -> List.of(v.volumeType);
            case "attachment.instance-id" -> v.attached() ? List.of(v.instanceId) : List.of();
            case "attachment.device" -> v.attached() ? List.of(v.device) : List.of();
            case "attachment.status" -> v.attached() ? List.of("attached") : List.of();
            case "attachment.delete-on-termination" -> v.attached() ? List.of(String.valueOf(v.deleteOnTermination)) : List.of();
            default -> List.of();
        };
    }

    String attach(QueryParams p, String requestId) {
        String volumeId = p.required("VolumeId");
        String instanceId = p.required("InstanceId");
        String device = p.required("Device");
        if (!DEVICE.matcher(device).matches()) {
            throw new Ec2ApiException("InvalidParameterValue",
                    "Value (" + device + ") for parameter device is invalid. " + device + " is not a valid EBS device name.");
        }
        return w.locked(() -> {
            Volume v = volumes(List.of(volumeId)).get(0);
            Instance i = ResourceIds.instances(w, List.of(instanceId)).get(0);
            if (v.attached()) {
                throw new Ec2ApiException("VolumeInUse", v.id + " is already attached to an instance");
            }
            if (!v.availabilityZone.equals(i.availabilityZone)) {
                throw new Ec2ApiException("InvalidVolume.ZoneMismatch", "The volume '" + v.id
                        + "' is not in the same availability zone as instance '" + i.id + "'");
            }
            if (i.state != InstanceState.RUNNING && i.state != InstanceState.STOPPED) {
                throw new Ec2ApiException("IncorrectState", "Instance '" + i.id + "' is not 'running'.");
            }
            if (device.equals(i.rootDeviceName) && i.state != InstanceState.STOPPED) {
                throw new Ec2ApiException("IncorrectState", "Instance '" + i.id + "' is not 'stopped'. A volume can "
                        + "be attached as the root device (" + i.rootDeviceName + ") only to a stopped instance.");
            }
            for (Volume other : w.volumesOf(i)) {
                if (device.equals(other.device)) {
                    throw new Ec2ApiException("InvalidParameterValue", "Invalid value '" + device
                            + "' for unixDevice. Attachment point " + device + " is already in use");
                }
            }
            w.attachVolume(v, i, device, false);
            return attachment(Xml.response("AttachVolume", requestId), v, "attaching").finish();
        });
    }

    String detach(QueryParams p, String requestId) {
        String volumeId = p.required("VolumeId");
        String instanceId = p.get("InstanceId");
        p.bool("Force");
        return w.locked(() -> {
            Volume v = volumes(List.of(volumeId)).get(0);
            if (!v.attached()) {
                throw new Ec2ApiException("IncorrectState", "Volume '" + v.id + "' is in the '" + v.state + "' state.");
            }
            if (instanceId != null && !instanceId.equals(v.instanceId)) {
                throw new Ec2ApiException("InvalidAttachment.NotFound", "The volume '" + v.id
                        + "' is not attached to instance '" + instanceId + "'");
            }
            Instance i = w.instances.get(v.instanceId);
            if (i != null && v.device.equals(i.rootDeviceName) && i.state != InstanceState.STOPPED) {
                throw new Ec2ApiException("IncorrectState", "Unable to detach root volume '" + v.id
                        + "' from instance '" + i.id + "'. Stop the instance first.");
            }
            Xml x = attachment(Xml.response("DetachVolume", requestId), v, "detaching");
            w.detachVolume(v);
            return x.finish();
        });
    }

    String delete(QueryParams p, String requestId) {
        String volumeId = p.required("VolumeId");
        return w.locked(() -> {
            Volume v = volumes(List.of(volumeId)).get(0);
            if (v.attached()) {
                throw new Ec2ApiException("VolumeInUse", "Volume " + v.id + " is currently attached to " + v.instanceId);
            }
            w.volumes.remove(v.id);
            w.tags.remove(v.id);
            return Xml.response("DeleteVolume", requestId).field("return", true).finish();
        });
    }

    private static Xml attachment(Xml x, Volume v, String status) {
        return x.field("attachTime", v.attachTime).field("device", v.device).field("instanceId", v.instanceId)
                .field("status", status).field("volumeId", v.id).field("deleteOnTermination", v.deleteOnTermination);
    }

    /** Malformed ids first ({@code InvalidVolumeID.Malformed}), then unknown ones ({@code InvalidVolume.NotFound}). */
    static List<Volume> volumes(World w, List<String> ids) {
        List<Volume> out = new ArrayList<>();
        for (String id : ids) {
            if (!VOLUME.matcher(id).matches()) {
                throw new Ec2ApiException("InvalidVolumeID.Malformed", "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
            }
        }
        for (String id : ids) {
            Volume v = w.volumes.get(id);
            if (v == null) {
                throw new Ec2ApiException("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
            out.add(v);
        }
        return out;
    }

    private List<Volume> volumes(List<String> ids) {
        return volumes(w, ids);
    }
}
