package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.Volume;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.List;

/**
 * ModifyInstanceAttribute, the {@code BlockDeviceMapping.N.Ebs.DeleteOnTermination} form only (API Reference,
 * "ModifyInstanceAttribute": "To modify the DeleteOnTermination attribute for volumes that are currently attached").
 * It is what makes a root volume moved with AttachVolume (DeleteOnTermination false) go away with its new instance.
 */
final class InstanceAttributeActions {

    private final World w;

    InstanceAttributeActions(World w) {
        this.w = w;
    }

    String modify(QueryParams p, String requestId) {
        String instanceId = p.required("InstanceId");
        List<QueryParams> mappings = p.items("BlockDeviceMapping");
        if (mappings.isEmpty()) {
            throw new Ec2ApiException("InvalidParameterCombination",
                    "The emulator supports ModifyInstanceAttribute only with BlockDeviceMapping.");
        }
        return w.locked(() -> {
            Instance i = ResourceIds.instances(w, List.of(instanceId)).get(0);
            for (QueryParams m : mappings) {
                String device = m.required("DeviceName");
                Volume v = null;
                for (Volume candidate : w.volumesOf(i)) {
                    if (device.equals(candidate.device)) {
                        v = candidate;
                    }
                }
                if (v == null) {
                    throw new Ec2ApiException("InvalidInstanceAttributeValue", "No device is currently mapped at " + device);
                }
                String volumeId = m.sub("Ebs").get("VolumeId");
                if (volumeId != null && !volumeId.equals(v.id)) {
                    throw new Ec2ApiException("InvalidInstanceAttributeValue",
                            "The volume " + volumeId + " is not mapped at " + device);
                }
            }
            for (QueryParams m : mappings) {
                String device = m.required("DeviceName");
                boolean dot = m.sub("Ebs").bool("DeleteOnTermination").orElse(false);
                for (Volume v : w.volumesOf(i)) {
                    if (device.equals(v.device)) {
                        v.deleteOnTermination = dot;
                    }
                }
            }
            return Xml.response("ModifyInstanceAttribute", requestId).field("return", true).finish();
        });
    }
}
