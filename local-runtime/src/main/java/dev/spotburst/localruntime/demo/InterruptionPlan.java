package dev.spotburst.localruntime.demo;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.model.InterruptionBehavior;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which jobs the interruptions scenario submits: long one-node jobs meant for the Spot groups with hibernate and
 * with terminate behaviour, preceded in each partition by short "filler" jobs for the nodes Slurm prefers (a lower
 * Weight), since Slurm, not the demo, picks the nodes. A group whose partition has more preferred nodes than
 * {@link #MAX_FILLERS} is left out, and so is every group after the first target of a partition.
 */
record InterruptionPlan(List<Target> targets, List<BurstScenario.JobArrival> jobs) {
    static final int MAX_FILLERS = 8;
    static final int HIBERNATE_JOBS = 6;
    static final int TERMINATE_JOBS = 4;
    static final Duration FILLER = Duration.ofSeconds(5);
    static final Duration HIBERNATE_WORK = Duration.ofSeconds(12);
    static final Duration TERMINATE_WORK = Duration.ofSeconds(8);

    /** A node group the scenario interrupts, and how many of its nodes get a job. */
    record Target(NodeGroupId group, InterruptionBehavior behaviour, int nodes) {
    }

    /**
     * How big the scenario is: long jobs per hibernating / terminating target group (at most its MaxNodes), their
     * work, at most how many instances the storm reclaims, Slurm's ResumeTimeout, and how long phase A keeps the
     * hibernated node's pool empty (past the group's MaxHibernationMinutes, the rescue shows). {@link #DEMO} is
     * {@code spotburst demo}'s; a storm over hundreds of nodes needs longer work, since every job must run before the
     * first interruption, and a longer ResumeTimeout: on a small shared machine hundreds of launches at once take
     * longer than the demo's 20 s, and a node that misses it counts as a boot failure towards the group's protection.
     */
    record Sizing(int hibernateJobs, int terminateJobs, Duration hibernateWork, Duration terminateWork, int stormLimit,
                  Duration resumeTimeout, Duration singleHold) {
        static final Sizing DEMO = new Sizing(HIBERNATE_JOBS, TERMINATE_JOBS, HIBERNATE_WORK, TERMINATE_WORK, 16,
                DemoRunner.RESUME_TIMEOUT, InterruptionScenario.HOLD);

        Sizing {
            if (hibernateJobs < 0 || terminateJobs < 0 || stormLimit < 1 || resumeTimeout.isNegative()
                    || resumeTimeout.isZero() || singleHold.isNegative()) {
                throw new IllegalArgumentException("sizing needs jobs >= 0 and stormLimit >= 1, got " + hibernateJobs
                        + "/" + terminateJobs + "/" + stormLimit + " and a positive resumeTimeout, got " + resumeTimeout
                        + ", and singleHold >= 0, got " + singleHold);
            }
        }
    }

    static InterruptionPlan of(ClusterConfig config) {
        return of(config, Sizing.DEMO);
    }

    static InterruptionPlan of(ClusterConfig config, Sizing sizing) {
        var targets = new ArrayList<Target>();
        var jobs = new ArrayList<BurstScenario.JobArrival>();
        for (var p : config.partitions()) {
            int fillers = 0;
            var groups = p.nodeGroups().stream().sorted(Comparator.comparingInt(InterruptionPlan::weight)).toList();
            for (var g : groups) {
                var b = g.interruptionBehavior();
                boolean target = g.purchasingOption() == Market.SPOT
                        && (b == InterruptionBehavior.HIBERNATE || b == InterruptionBehavior.TERMINATE);
                if (!target) {
                    fillers += g.maxNodes();
                    continue;
                }
                if (fillers > MAX_FILLERS) {
                    continue;
                }
                boolean hibernate = b == InterruptionBehavior.HIBERNATE;
                int n = Math.min(g.maxNodes(), hibernate ? sizing.hibernateJobs() : sizing.terminateJobs());
                for (int i = 0; i < fillers; i++) {
                    jobs.add(new BurstScenario.JobArrival(Duration.ZERO, p.partitionName(), 1, FILLER));
                }
                for (int i = 0; i < n; i++) {
                    jobs.add(new BurstScenario.JobArrival(Duration.ZERO, p.partitionName(), 1,
                            hibernate ? sizing.hibernateWork() : sizing.terminateWork()));
                }
                targets.add(new Target(g.id(), b, n));
                break; // one target per partition: its spare nodes would take a later group's jobs
            }
        }
        return new InterruptionPlan(List.copyOf(targets), List.copyOf(jobs));
    }

    boolean has(InterruptionBehavior b) {
        return targets.stream().anyMatch(t -> t.behaviour() == b);
    }

    private static int weight(NodeGroupConfig g) {
        return g.spotburst().weight() == null ? 1 : g.spotburst().weight();
    }
}
