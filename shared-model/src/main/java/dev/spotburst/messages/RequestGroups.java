package dev.spotburst.messages;

import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.model.NodeName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How power-save requests map to message groups of the requests FIFO queue: one group per node group.
 * <p>
 * Order matters per node only (a resume and a later suspend of the same node must be applied in that order; the
 * control plane also keeps the newest request per node and skips stale ones by {@code issuedAt}). A node belongs to
 * exactly one node group, so keying the message group by node group keeps every node's requests in one FIFO group,
 * while different node groups no longer wait for each other: Lambda processes message groups concurrently. A shim
 * call whose hostlist spans several node groups is split into one request per node group.
 */
public final class RequestGroups {
    private RequestGroups() {
    }

    /**
     * The MessageGroupId of a request: {@code <cluster>/<partition>-<nodegroup>} when all its nodes are in one node
     * group (what {@link #perNodeGroup} produces), else the cluster alone as before (a request spooled by an older
     * shim, or node names that are not spotburst's); {@code default} stands for a missing cluster.
     */
    public static String messageGroupId(PowerSaveRequest request) {
        String cluster = request.cluster() == null ? "default" : request.cluster();
        String group = singleNodeGroup(request.hostlist());
        return group == null ? cluster : cluster + "/" + group;
    }

    /**
     * The request split by node group, in order of first appearance: the same request when it names one node group
     * (or names that do not parse as {@code <partition>-<nodegroup>-<index>}: left whole for the control plane to
     * reject), else one request per node group with id {@code <id>.<k>} (still unique per call and stable across
     * re-sends, sorting next to the original), the same kind, time and cluster, and the jobs that touch its nodes.
     */
    public static List<PowerSaveRequest> perNodeGroup(PowerSaveRequest request) {
        List<String> names;
        try {
            names = Hostlist.expand(request.hostlist());
        } catch (IllegalArgumentException e) {
            return List.of(request);
        }
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (String name : names) {
            if (!NodeName.isNodeName(name)) {
                return List.of(request);
            }
            byGroup.computeIfAbsent(NodeName.parse(name).group().toString(), g -> new ArrayList<>()).add(name);
        }
        if (byGroup.size() <= 1) {
            return List.of(request);
        }
        var out = new ArrayList<PowerSaveRequest>(byGroup.size());
        int k = 0;
        for (List<String> nodes : byGroup.values()) {
            var set = new HashSet<>(nodes);
            var jobs = request.jobs().stream().filter(j -> touches(j, set)).toList();
            out.add(PowerSaveRequest.of(request.id() + "." + k++, request.kind(), Hostlist.compress(nodes),
                    request.issuedAt(), request.cluster(), jobs));
        }
        return out;
    }

    private static boolean touches(PowerSaveRequest.JobNodes job, java.util.Set<String> nodes) {
        try {
            return Hostlist.expand(job.nodes()).stream().anyMatch(nodes::contains);
        } catch (IllegalArgumentException e) {
            return true; // unreadable: keep it with every part rather than lose it
        }
    }

    /** {@code <partition>-<nodegroup>} when every node of the hostlist is in that node group, else null. */
    private static String singleNodeGroup(String hostlist) {
        String group = null;
        try {
            for (String name : Hostlist.expand(hostlist)) {
                if (!NodeName.isNodeName(name)) {
                    return null;
                }
                String g = NodeName.parse(name).group().toString();
                if (group != null && !group.equals(g)) {
                    return null;
                }
                group = g;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return group;
    }
}
