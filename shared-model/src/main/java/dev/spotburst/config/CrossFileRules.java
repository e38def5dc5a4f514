package dev.spotburst.config;

import java.util.List;

/** Checks that need both files: Slurm timers against what the node groups do. Warnings only. */
final class CrossFileRules {

    private static final String SLURM_CONF = "$.SlurmConf";

    private final Problems problems;

    CrossFileRules(Problems configProblems) {
        this.problems = configProblems;
    }

    void check(ClusterConfig config) {
        slurmdTimeoutCoversHibernation(config);
        treeWidthCoversNodes(config);
    }

    /**
     * Slurm 22.05 marks a node that stops answering pings DOWN after SlurmdTimeout and requeues or kills its jobs
     * (slurm-findings §5): a hibernated node must stay within it, so it must be 0 or at least the longest
     * hibernation spotburst allows before moving the node to On-Demand.
     */
    private void slurmdTimeoutCoversHibernation(ClusterConfig config) {
        List<NodeGroupConfig> hibernating = config.nodeGroups().filter(NodeGroupConfig::hibernates).toList();
        if (hibernating.isEmpty()) {
            return;
        }
        boolean unbounded = hibernating.stream().anyMatch(g -> g.spotburst().maxHibernationMinutes() == 0);
        long needed = hibernating.stream().mapToLong(g -> g.spotburst().maxHibernationMinutes() * 60L).max()
                .orElse(0);
        String value = config.plugin().slurmConf().get("SlurmdTimeout");
        String path = Problems.child(SLURM_CONF, "SlurmdTimeout");
        Long timeout = parse(value);
        if (timeout != null && timeout < 0) {
            return; // already an error in SlurmConfRules
        }
        if (timeout != null && (timeout == 0 || (!unbounded && timeout >= needed))) {
            return;
        }
        String groups = String.join(", ", hibernating.stream().map(g -> g.id().toString()).toList());
        String expected = unbounded
                ? "0, because node group(s) " + groups + " hibernate with MaxHibernationMinutes 0 (no limit); "
                        + "otherwise Slurm marks a hibernated node DOWN after SlurmdTimeout and requeues its jobs"
                : "0 or at least " + needed + " s (the longest MaxHibernationMinutes of " + groups + "); otherwise "
                        + "Slurm marks a hibernated node DOWN after SlurmdTimeout and requeues its jobs";
        problems.warningText(path, value == null ? null : value, expected);
    }

    /** Cloud nodes have no DNS names, so slurmctld must reach each directly: TreeWidth >= node count. */
    private void treeWidthCoversNodes(ClusterConfig config) {
        Long width = parse(config.plugin().slurmConf().get("TreeWidth"));
        long nodes = config.nodeGroups().mapToLong(NodeGroupConfig::maxNodes).sum();
        if (width != null && width < nodes && width < SlurmConfRules.MAX_TREE_WIDTH) {
            problems.warningText(Problems.child(SLURM_CONF, "TreeWidth"), String.valueOf(width),
                    "at least the number of cloud nodes (" + nodes + ") so slurmctld contacts them directly");
        }
    }

    private static Long parse(String v) {
        try {
            return v == null ? null : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
