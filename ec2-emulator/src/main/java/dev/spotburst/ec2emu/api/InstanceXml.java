package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.InstanceTypeSpec;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.InstanceState;
import dev.spotburst.ec2emu.core.Volume;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.List;

/** Renders an instance in the {@code instancesSet/item} shape shared by RunInstances and DescribeInstances. */
final class InstanceXml {

    private InstanceXml() {
    }

    static void instance(Xml x, World w, Instance i) {
        boolean gone = i.state == InstanceState.TERMINATED;
        InstanceTypeSpec type = w.instanceTypes.get(i.instanceType);
        x.item()
                .field("instanceId", i.id)
                .field("imageId", i.imageId)
                .start("instanceState").field("code", i.state.code).field("name", i.state.wire).end()
                .field("privateDnsName", gone ? "" : dns(i.privateIp))
                .field("dnsName", "")
                .field("reason", i.stateTransitionReason)
                .field("keyName", i.keyName)
                .field("amiLaunchIndex", i.amiLaunchIndex)
                .start("productCodes").end()
                .field("instanceType", i.instanceType)
                .field("launchTime", i.launchTime)
                .start("placement").field("availabilityZone", i.availabilityZone).field("groupName", "")
                .field("tenancy", "default").end()
                .start("monitoring").field("state", "disabled").end()
                .field("subnetId", gone ? null : i.subnetId)
                .field("vpcId", gone ? null : i.vpcId)
                .field("privateIpAddress", gone ? null : i.privateIp)
                .field("sourceDestCheck", true)
                .start("groupSet");
        if (!gone) {
            x.item().field("groupId", "sg-0000000000000def0").field("groupName", "default").end();
        }
        x.end();
        if (i.stateReasonCode != null) {
            x.start("stateReason").field("code", i.stateReasonCode).field("message", i.stateReasonMessage).end();
        }
        x.field("architecture", type == null ? "x86_64" : type.architecture())
                .field("rootDeviceType", "ebs")
                .field("rootDeviceName", i.rootDeviceName)
                .start("blockDeviceMapping");
        for (Volume v : w.volumesOf(i)) {
            x.item().field("deviceName", v.device).start("ebs").field("volumeId", v.id)
                    .field("status", "attached").field("attachTime", v.attachTime)
                    .field("deleteOnTermination", v.deleteOnTermination).end().end();
        }
        x.end();
        if (i.isSpot()) {
            x.field("instanceLifecycle", "spot").field("spotInstanceRequestId", i.spotRequestId);
        }
        x.field("virtualizationType", "hvm")
                .field("clientToken", i.clientToken == null ? "" : i.clientToken);
        TagSpecs.tagSet(x, w.tagsOf(i.id));
        x.field("hypervisor", "xen").start("networkInterfaceSet");
        if (!gone) {
            x.item().field("networkInterfaceId", "eni-" + i.id.substring(2)).field("subnetId", i.subnetId)
                    .field("vpcId", i.vpcId).field("ownerId", w.opts.accountId()).field("status", "in-use")
                    .field("privateIpAddress", i.privateIp).field("privateDnsName", dns(i.privateIp))
                    .field("sourceDestCheck", true)
                    .start("attachment").field("attachmentId", "eni-attach-" + i.id.substring(2)).field("deviceIndex", 0)
                    .field("status", "attached").field("attachTime", i.launchTime).field("deleteOnTermination", true).end()
                    .start("privateIpAddressesSet").item().field("privateIpAddress", i.privateIp)
                    .field("privateDnsName", dns(i.privateIp)).field("primary", true).end().end()
                    .end();
        }
        x.end()
                .field("ebsOptimized", false)
                .field("enaSupport", true)
                .start("hibernationOptions").field("configured", i.hibernationConfigured).end()
                .start("metadataOptions").field("state", "applied").field("httpTokens", "required")
                .field("httpPutResponseHopLimit", 2).field("httpEndpoint", "enabled").end()
                .field("platformDetails", "Linux/UNIX")
                .field("usageOperation", "RunInstances")
                .end();
    }

    static String dns(String ip) {
        return ip == null ? "" : "ip-" + ip.replace('.', '-') + ".ec2.internal";
    }

    static void stateChanges(Xml x, List<String[]> rows) {
        x.start("instancesSet");
        for (String[] r : rows) {
            InstanceState cur = InstanceState.valueOf(r[1]);
            InstanceState prev = InstanceState.valueOf(r[2]);
            x.item().field("instanceId", r[0])
                    .start("currentState").field("code", cur.code).field("name", cur.wire).end()
                    .start("previousState").field("code", prev.code).field("name", prev.wire).end()
                    .end();
        }
        x.end();
    }
}
