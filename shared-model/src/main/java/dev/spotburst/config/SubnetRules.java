package dev.spotburst.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SubnetIds}: non-empty, well-formed, no repeats, and at most one subnet per availability zone — CreateFleet
 * rejects two subnets of one AZ with "duplicate instance pools" (aws-plugin-for-slurm issue #19).
 */
final class SubnetRules {

    private final Problems problems;
    private final SubnetDirectory directory;

    SubnetRules(Problems problems, SubnetDirectory directory) {
        this.problems = problems;
        this.directory = directory;
    }

    List<String> subnetIds(Fields group, String region) {
        String path = group.path("SubnetIds");
        ArrayNode array = group.array("SubnetIds", true, true, "a non-empty array of subnet ids, at most one per "
                + "availability zone");
        if (array == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> subnetByZone = new HashMap<>();
        Set<String> unknownZone = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String p = Problems.index(path, i);
            var v = array.get(i);
            if (!v.isTextual() || !PluginConfigParser.SUBNET_ID.matcher(v.asText()).matches()) {
                problems.error(p, v, "a subnet id such as \"subnet-0a1b2c3d\"");
                continue;
            }
            String id = v.asText();
            if (ids.contains(id)) {
                problems.error(p, v, "each subnet once");
                continue;
            }
            ids.add(id);
            Optional<String> zone = directory.availabilityZone(id);
            if (zone.isEmpty()) {
                unknownZone.add(id);
                continue;
            }
            if (region != null && !zone.get().startsWith(region)) {
                problems.error(p, v, "a subnet in " + region + " (its availability zone is " + zone.get() + ")");
            }
            String other = subnetByZone.putIfAbsent(zone.get(), id);
            if (other != null) {
                problems.error(p, v, "subnets in different availability zones (" + other + " is also in "
                        + zone.get() + "; CreateFleet rejects the request with \"duplicate instance pools\")");
            }
        }
        if (ids.size() > 1 && !unknownZone.isEmpty()) {
            problems.warning(path, TextNode.valueOf(String.join(", ", unknownZone)), "availability zones for these "
                    + "subnets in config.json Spotburst.SubnetAvailabilityZones, so that one subnet per zone can be "
                    + "checked before CreateFleet does");
        }
        return ids;
    }
}
