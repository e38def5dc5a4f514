package dev.spotburst.functions.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Snapshot → {@link CleanupPlanner#plan} → perform, per region, a bounded number of passes. Idempotent: every pass
 * starts from a fresh snapshot, so launches that raced an earlier pass are caught by a later one.
 */
public final class ClusterSweeper {
    private static final Logger log = LoggerFactory.getLogger(ClusterSweeper.class);

    private final Map<String, CleanupEc2> regions;

    /** @param regions the EC2 adapter of each region the cluster launches in */
    public ClusterSweeper(Map<String, CleanupEc2> regions) {
        this.regions = new LinkedHashMap<>(regions);
    }

    /**
     * @param maxPasses snapshots per region at most (each followed by its actions unless the region is clean)
     * @param timeLeft  checked before every EC2 call; when false the sweep stops and reports not clean
     */
    public SweepResult sweep(String tagKey, String cluster, int maxPasses, BooleanSupplier timeLeft) {
        Set<String> clean = new LinkedHashSet<>();
        Map<String, List<CleanupAction>> lastPlan = new LinkedHashMap<>();
        int calls = 0;
        String transientError = null;
        for (int pass = 1; pass <= maxPasses && clean.size() < regions.size(); pass++) {
            for (var e : regions.entrySet()) {
                String region = e.getKey();
                if (clean.contains(region)) {
                    continue;
                }
                if (!timeLeft.getAsBoolean()) {
                    return result(clean, lastPlan, calls, transientError == null ? "invocation time budget used up" : transientError);
                }
                try {
                    var plan = CleanupPlanner.plan(e.getValue().snapshot(tagKey, cluster));
                    lastPlan.put(region, plan);
                    if (CleanupPlanner.isDone(plan)) {
                        clean.add(region);
                        continue;
                    }
                    log.info("cleanup pass: {} {} {} {}", entry("cluster", cluster), entry("region", region),
                            entry("pass", pass), entry("plan", describe(plan)));
                    for (var action : plan) {
                        if (!timeLeft.getAsBoolean()) {
                            break;
                        }
                        calls += perform(e.getValue(), action);
                    }
                } catch (CleanupRetryableException ex) {
                    transientError = region + ": " + ex.getMessage();
                    log.warn("cleanup pass failed, retry later: {} {} {} {}", entry("cluster", cluster),
                            entry("region", region), entry("pass", pass), entry("error", ex.getMessage()));
                } catch (CleanupFailedException ex) {
                    throw new CleanupFailedException("cleanup of cluster '" + cluster + "' in " + region + " failed: "
                            + ex.getMessage(), ex);
                }
            }
        }
        return result(clean, lastPlan, calls, transientError);
    }

    private SweepResult result(Set<String> clean, Map<String, List<CleanupAction>> plans, int calls, String transientError) {
        var remaining = new ArrayList<String>();
        for (String region : regions.keySet()) {
            if (!clean.contains(region)) {
                var plan = plans.get(region);
                remaining.add(region + ": " + (plan == null ? "not yet listed" : describe(plan)));
            }
        }
        return new SweepResult(clean.size() == regions.size(), remaining, calls, transientError);
    }

    /** Exhaustive over the actions; returns the number of EC2 calls made. */
    private static int perform(CleanupEc2 ec2, CleanupAction action) {
        return switch (action) {
            case CleanupAction.CancelSpotRequests c -> {
                ec2.cancelSpotRequests(c.ids());
                yield 1;
            }
            case CleanupAction.DeleteFleets d -> {
                ec2.deleteFleets(d.ids());
                yield 1;
            }
            case CleanupAction.TerminateInstances t -> {
                ec2.terminateInstances(t.ids());
                yield 1;
            }
            case CleanupAction.AwaitTermination a -> 0;
            case CleanupAction.Rescan r -> 0;
            case CleanupAction.Done d -> 0;
        };
    }

    /** Short human summary, e.g. "cancel 3 Spot requests, terminate 5 instances, await 2 shutting-down (i-1, i-2)". */
    static String describe(List<CleanupAction> plan) {
        int cancel = 0;
        int fleets = 0;
        int terminate = 0;
        var waiting = new ArrayList<String>();
        boolean rescan = false;
        for (var a : plan) {
            switch (a) {
                case CleanupAction.CancelSpotRequests c -> cancel += c.ids().size();
                case CleanupAction.DeleteFleets d -> fleets += d.ids().size();
                case CleanupAction.TerminateInstances t -> terminate += t.ids().size();
                case CleanupAction.AwaitTermination w -> waiting.addAll(w.ids());
                case CleanupAction.Rescan r -> rescan = true;
                case CleanupAction.Done d -> {
                    return "clean";
                }
            }
        }
        var parts = new ArrayList<String>();
        if (cancel > 0) {
            parts.add("cancel " + cancel + " Spot requests");
        }
        if (fleets > 0) {
            parts.add("delete " + fleets + " fleets");
        }
        if (terminate > 0) {
            parts.add("terminate " + terminate + " instances");
        }
        if (!waiting.isEmpty()) {
            parts.add("await " + waiting.size() + " shutting-down ("
                    + waiting.stream().limit(5).collect(Collectors.joining(", ")) + (waiting.size() > 5 ? ", …" : "") + ")");
        }
        if (rescan) {
            parts.add("listing truncated, rescan");
        }
        return String.join(", ", parts);
    }
}
