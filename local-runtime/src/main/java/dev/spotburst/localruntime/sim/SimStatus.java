package dev.spotburst.localruntime.sim;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulated cluster looks like now: job counts, node outcomes and whether everything has settled.
 *
 * @param requested nodes ResumeProgram was called for at least once
 * @param ready     of those, nodes whose slurmd registered at least once
 * @param failed    of those, nodes that never registered and were set DOWN with a reason (by spotburst or ResumeTimeout)
 * @param failureReasons reason → node count, for the failed ones
 * @param quiescent no job left to run and every node powered down (nothing POWERING_*)
 */
public record SimStatus(int jobsSubmitted, int jobsCompleted, int jobsRunning, int jobsPending, int requeues,
                        int requested, int ready, int failed, Map<String, Integer> failureReasons,
                        Map<String, Integer> nodeStates, boolean quiescent) {

    static SimStatus of(Collection<SimNode> nodes, Collection<SimJob> jobs) {
        int completed = 0;
        int running = 0;
        int pending = 0;
        int requeues = 0;
        for (var j : jobs) {
            requeues += j.restarts;
            switch (j.state) {
                case COMPLETED -> completed++;
                case RUNNING, SUSPENDED -> running++;
                case PENDING, CONFIGURING -> pending++;
            }
        }
        int requested = 0;
        int ready = 0;
        int failed = 0;
        var reasons = new TreeMap<String, Integer>();
        var states = new TreeMap<String, Integer>();
        boolean settled = true;
        for (var n : nodes) {
            states.merge(n.stateText(), 1, Integer::sum);
            if (n.power != SimNode.Power.OFF || n.powerDownPending) {
                settled = false;
            }
            if (!n.everResumed) {
                continue;
            }
            requested++;
            if (n.everRegistered) {
                ready++;
            } else if (n.lastFailure != null) {
                failed++;
                reasons.merge(n.lastFailure, 1, Integer::sum);
            }
        }
        return new SimStatus(jobs.size(), completed, running, pending, requeues, requested, ready, failed, reasons,
                states, settled && running == 0 && pending == 0);
    }
}
