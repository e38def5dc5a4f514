package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.World;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Id syntax checks and look-ups with the error codes EC2 uses (API Reference, "Error codes"). */
final class ResourceIds {

    private static final Pattern INSTANCE = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");

    private ResourceIds() {
    }

    /** Malformed ids first ({@code InvalidInstanceID.Malformed}), then unknown ones ({@code InvalidInstanceID.NotFound}). */
    static List<Instance> instances(World w, List<String> ids) {
        for (String id : ids) {
            if (!INSTANCE.matcher(id).matches()) {
                throw new Ec2ApiException("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\" (expecting \"i-...\")");
            }
        }
        List<String> missing = new ArrayList<>();
        List<Instance> out = new ArrayList<>();
        for (String id : ids) {
            Instance i = w.instances.get(id);
            if (i == null) {
                missing.add(id);
            } else if (!out.contains(i)) {
                out.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new Ec2ApiException("InvalidInstanceID.NotFound", missing.size() == 1
                    ? "The instance ID '" + missing.get(0) + "' does not exist"
                    : "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
        return out;
    }

    static String resourceType(String id) {
        int dash = id.indexOf('-');
        String prefix = dash < 0 ? id : id.substring(0, dash);
        return switch (prefix) {
            case "i" -> "instance";
            case "fleet" -> "fleet";
            case "sir" -> "spot-instances-request";
            case "subnet" -> "subnet";
            case "lt" -> "launch-template";
            case "vpc" -> "vpc";
            case "ami" -> "image";
            case "vol" -> "volume";
            case "sg" -> "security-group";
            default -> null;
        };
    }

    /** For CreateTags/DeleteTags: the resource must exist (for the types the emulator owns). */
    static void requireTaggable(World w, String id) {
        String type = resourceType(id);
        if (type == null) {
            throw new Ec2ApiException("InvalidID", "The ID '" + id + "' is not valid");
        }
        switch (type) {
            case "instance" -> instances(w, List.of(id));
            case "fleet" -> {
                if (!w.fleets.containsKey(id)) {
                    throw new Ec2ApiException("InvalidFleetId.NotFound", "The fleet ID '" + id + "' does not exist");
                }
            }
            case "spot-instances-request" -> {
                if (!w.spotRequests.containsKey(id)) {
                    throw new Ec2ApiException("InvalidSpotInstanceRequestID.NotFound",
                            "The spot instance request ID '" + id + "' does not exist");
                }
            }
            case "subnet" -> {
                if (!w.subnets.containsKey(id)) {
                    throw new Ec2ApiException("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
                }
            }
            case "volume" -> VolumeActions.volumes(w, List.of(id));
            case "launch-template" -> {
                if (!w.launchTemplates.containsKey(id)) {
                    throw new Ec2ApiException("InvalidLaunchTemplateId.NotFound",
                            "The specified launch template, with template ID " + id + ", does not exist.");
                }
            }
            default -> {
            }
        }
    }
}
