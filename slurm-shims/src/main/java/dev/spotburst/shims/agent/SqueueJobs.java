package dev.spotburst.shims.agent;

import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.hostlist.HostlistSyntaxException;
import dev.spotburst.messages.SlurmSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jobs on each node, from {@code squeue -h -o '%A %N'} (job id, then the job's nodes as a Slurm hostlist;
 * pending jobs have no nodes and are skipped).
 */
public final class SqueueJobs {

    /** squeue arguments: all users, no header, job id and node list only. */
    public static final List<String> ARGS = List.of("-h", "-a", "-o", "%A %N");

    private SqueueJobs() {
    }

    /** Node name → job ids in ascending order. Lines that are not "{@code <id> [hostlist]}" are rejected. */
    public static Map<String, List<Long>> byNode(String output) {
        var out = new TreeMap<String, List<Long>>();
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            long job;
            try {
                job = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("squeue line does not start with a job id: '" + line + "'");
            }
            if (parts.length < 2 || parts[1].isBlank() || parts[1].equals("(null)")) {
                continue;
            }
            List<String> hosts;
            try {
                hosts = Hostlist.expand(parts[1].strip());
            } catch (HostlistSyntaxException e) {
                throw new IllegalArgumentException("squeue line has no valid node list: '" + line + "': " + e.getMessage());
            }
            for (String host : hosts) {
                List<Long> jobs = out.computeIfAbsent(host, h -> new ArrayList<>());
                if (!jobs.contains(job)) {
                    jobs.add(job);
                }
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** The nodes with their jobs filled in (nodes without jobs get an empty list). */
    public static List<SlurmSnapshot.Node> attach(List<SlurmSnapshot.Node> nodes, Map<String, List<Long>> jobs) {
        return nodes.stream().map(n -> new SlurmSnapshot.Node(n.name(), n.state(), n.flags(), n.reason(), n.address(),
                jobs.getOrDefault(n.name(), List.of()))).toList();
    }
}
