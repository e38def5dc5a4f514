package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.BlockDeviceTemplate;
import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.LaunchTemplate;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.Filters;
import dev.spotburst.ec2emu.wire.Page;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateLaunchTemplate, DescribeLaunchTemplates, DescribeLaunchTemplateVersions. Each template has one version.
 * Names: 3–128 characters of {@code [a-zA-Z0-9().\-/_]} (API Reference, "CreateLaunchTemplate").
 */
final class LaunchTemplateActions {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");

    private final World w;

    LaunchTemplateActions(World w) {
        this.w = w;
    }

    String create(QueryParams p, String requestId) {
        String name = p.required("LaunchTemplateName");
        if (!NAME.matcher(name).matches()) {
            throw new Ec2ApiException("InvalidLaunchTemplateName.MalformedException",
                    "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'");
        }
        if (!p.has("LaunchTemplateData")) {
            throw Ec2ApiException.missing("LaunchTemplateData");
        }
        QueryParams d = p.sub("LaunchTemplateData");
        String type = d.get("InstanceType");
        if (type != null && !w.instanceTypes.containsKey(type)) {
            throw new Ec2ApiException("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
        }
        String image = d.get("ImageId");
        if (image != null && !image.startsWith("ami-")) {
            throw new Ec2ApiException("InvalidAMIID.Malformed", "Invalid id: \"" + image + "\" (expecting \"ami-...\")");
        }
        Boolean hib = d.sub("HibernationOptions").bool("Configured").orElse(null);
        Map<String, String> instanceTags = TagSpecs.forType(d, "TagSpecification", "instance",
                Set.of("instance", "volume", "network-interface", "spot-instances-request"));
        Map<String, String> ltTags = TagSpecs.forType(p, "TagSpecification", "launch-template", Set.of("launch-template"));
        String subnet = d.opt("NetworkInterface.1.SubnetId").orElse(null);
        List<BlockDeviceTemplate> devices = new ArrayList<>();
        for (QueryParams b : d.items("BlockDeviceMapping")) {
            QueryParams ebs = b.sub("Ebs");
            Integer size = ebs.integer("VolumeSize").orElse(null);
            if (size != null && (size < 1 || size > 16384)) {
                throw Ec2ApiException.invalidValue("LaunchTemplateData.BlockDeviceMapping.Ebs.VolumeSize",
                        String.valueOf(size), "Expected: 1-16384 GiB.");
            }
            devices.add(new BlockDeviceTemplate(b.required("DeviceName"), size, ebs.bool("Encrypted").orElse(null),
                    ebs.bool("DeleteOnTermination").orElse(null), ebs.get("VolumeType")));
        }
        return w.locked(() -> {
            if (LaunchTemplateRefs.byName(w, name) != null) {
                throw new Ec2ApiException("InvalidLaunchTemplateName.AlreadyExistsException",
                        "Launch template name already in use.");
            }
            if (subnet != null && !w.subnets.containsKey(subnet)) {
                throw new Ec2ApiException("InvalidSubnetID.NotFound", "The subnet ID '" + subnet + "' does not exist");
            }
            LaunchTemplate lt = new LaunchTemplate(w.ids.launchTemplate(), name, w.now(), p.get("VersionDescription"),
                    image, type, d.get("KeyName"), subnet, hib, instanceTags, devices);
            w.launchTemplates.put(lt.id(), lt);
            if (!ltTags.isEmpty()) {
                w.tags.put(lt.id(), new LinkedHashMap<>(ltTags));
            }
            Xml x = Xml.response("CreateLaunchTemplate", requestId).start("launchTemplate");
            summary(x, lt);
            return x.end().finish();
        });
    }

    private void summary(Xml x, LaunchTemplate lt) {
        x.field("launchTemplateId", lt.id()).field("launchTemplateName", lt.name()).field("createTime", lt.createTime())
                .field("createdBy", "arn:aws:iam::" + w.opts.accountId() + ":root")
                .field("defaultVersionNumber", 1).field("latestVersionNumber", 1);
        TagSpecs.tagSet(x, w.tagsOf(lt.id()));
    }

    String describe(QueryParams p, String requestId) {
        List<String> ids = p.list("LaunchTemplateId");
        List<String> names = p.list("LaunchTemplateName");
        Filters filters = Filters.parse(p, Set.of("launch-template-name", "create-time"));
        return w.locked(() -> {
            List<LaunchTemplate> candidates = new ArrayList<>();
            for (String id : ids) {
                candidates.add(LaunchTemplateRefs.resolve(w, id, null, null, "LaunchTemplateId"));
            }
            for (String n : names) {
                candidates.add(LaunchTemplateRefs.resolve(w, null, n, null, "LaunchTemplateName"));
            }
            if (ids.isEmpty() && names.isEmpty()) {
                candidates.addAll(w.launchTemplates.values());
            }
            List<LaunchTemplate> matched = new ArrayList<>();
            for (LaunchTemplate lt : candidates) {
                if (filters.matches(n -> attr(lt, n), w.tagsOf(lt.id()))) {
                    matched.add(lt);
                }
            }
            Page<LaunchTemplate> page = Page.of(matched, p, "DescribeLaunchTemplates", 1, 200);
            Xml x = Xml.response("DescribeLaunchTemplates", requestId).start("launchTemplates");
            for (LaunchTemplate lt : page.items()) {
                x.item();
                summary(x, lt);
                x.end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }

    private static Collection<String> attr(LaunchTemplate lt, String name) {
        return switch (name) {
            case "launch-template-name" -> List.of(lt.name());
            case "create-time" -> List.of(lt.createTime().toString());
            default -> List.of();
        };
    }

    String describeVersions(QueryParams p, String requestId) {
        String id = p.get("LaunchTemplateId");
        String name = p.get("LaunchTemplateName");
        List<String> versions = p.list("LaunchTemplateVersion");
        return w.locked(() -> {
            List<LaunchTemplate> templates = new ArrayList<>();
            if (id == null && name == null) {
                templates.addAll(w.launchTemplates.values());
            } else {
                templates.add(LaunchTemplateRefs.resolve(w, id, name, null, "LaunchTemplate"));
            }
            for (String v : versions) {
                LaunchTemplateRefs.resolve(w, templates.isEmpty() ? null : templates.get(0).id(), null, v, "LaunchTemplate");
            }
            Page<LaunchTemplate> page = Page.of(templates, p, "DescribeLaunchTemplateVersions", 1, 200);
            Xml x = Xml.response("DescribeLaunchTemplateVersions", requestId).start("launchTemplateVersionSet");
            for (LaunchTemplate lt : page.items()) {
                x.item().field("launchTemplateId", lt.id()).field("launchTemplateName", lt.name())
                        .field("versionNumber", 1).field("versionDescription", lt.versionDescription())
                        .field("createTime", lt.createTime())
                        .field("createdBy", "arn:aws:iam::" + w.opts.accountId() + ":root").field("defaultVersion", true)
                        .start("launchTemplateData").field("imageId", lt.imageId()).field("instanceType", lt.instanceType())
                        .field("keyName", lt.keyName());
                if (lt.hibernationConfigured() != null) {
                    x.start("hibernationOptions").field("configured", lt.hibernationConfigured()).end();
                }
                if (!lt.blockDevices().isEmpty()) {
                    x.start("blockDeviceMappingSet");
                    for (BlockDeviceTemplate b : lt.blockDevices()) {
                        x.item().field("deviceName", b.deviceName()).start("ebs").field("encrypted", b.encrypted())
                                .field("deleteOnTermination", b.deleteOnTermination()).field("volumeSize", b.volumeSize())
                                .field("volumeType", b.volumeType()).end().end();
                    }
                    x.end();
                }
                if (lt.subnetId() != null) {
                    x.start("networkInterfaceSet").item().field("deviceIndex", 0).field("subnetId", lt.subnetId()).end().end();
                }
                if (!lt.instanceTags().isEmpty()) {
                    x.start("tagSpecificationSet").item().field("resourceType", "instance");
                    TagSpecs.tagSet(x, lt.instanceTags());
                    x.end().end();
                }
                x.end().end();
            }
            return x.end().field("nextToken", page.nextToken()).finish();
        });
    }
}
