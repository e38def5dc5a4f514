package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.LaunchTemplate;
import dev.spotburst.ec2emu.core.World;

/** Resolves a launch template by id or name and checks the version, with EC2's error codes. */
final class LaunchTemplateRefs {

    private LaunchTemplateRefs() {
    }

    static LaunchTemplate resolve(World w, String id, String name, String version, String where) {
        if (id != null && name != null) {
            throw Ec2ApiException.combination("Specify either " + where + ".LaunchTemplateId or " + where
                    + ".LaunchTemplateName, not both.");
        }
        if (id == null && name == null) {
            throw Ec2ApiException.missing(where + ".LaunchTemplateId or " + where + ".LaunchTemplateName");
        }
        LaunchTemplate lt;
        if (id != null) {
            if (!id.startsWith("lt-")) {
                throw new Ec2ApiException("InvalidLaunchTemplateId.Malformed",
                        "The specified launch template ID '" + id + "' is malformed.");
            }
            lt = w.launchTemplates.get(id);
            if (lt == null) {
                throw new Ec2ApiException("InvalidLaunchTemplateId.NotFound",
                        "The specified launch template, with template ID " + id + ", does not exist.");
            }
        } else {
            lt = byName(w, name);
            if (lt == null) {
                throw new Ec2ApiException("InvalidLaunchTemplateName.NotFoundException",
                        "The specified launch template, with template name " + name + ", does not exist.");
            }
        }
        if (version != null && !version.equals("$Latest") && !version.equals("$Default") && !version.equals("1")) {
            throw new Ec2ApiException("InvalidLaunchTemplateId.VersionNotFound",
                    "Could not find launch template version " + version + " for template " + lt.id() + ".");
        }
        return lt;
    }

    static LaunchTemplate byName(World w, String name) {
        for (LaunchTemplate lt : w.launchTemplates.values()) {
            if (lt.name().equals(name)) {
                return lt;
            }
        }
        return null;
    }
}
