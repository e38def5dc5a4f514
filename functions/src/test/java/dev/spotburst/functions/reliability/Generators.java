package dev.spotburst.functions.reliability;

import dev.spotburst.messages.PowerSaveRequest.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Schedules over the small cluster of {@link ReliabilityWorld}: weighted steps, crash points on every port. */
final class Generators {
    private Generators() {
    }

    /**
     * @param maxBatch  most messages one delivery takes (1: a failed message blocks the FIFO head alone)
     * @param reorder   whether a delivery may take the newest queued messages first (not possible on one FIFO group)
     */
    static Arbitrary<Schedule> schedules(int minSteps, int maxSteps, int maxBatch, boolean reorder,
                                         List<Fault.Target> crashTargets) {
        return Combinators.combine(step(maxBatch, reorder, crashTargets).list().ofMinSize(minSteps).ofMaxSize(maxSteps),
                Arbitraries.of(true, false)).as(Schedule::new);
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Step> step(int maxBatch, boolean reorder, List<Fault.Target> crashTargets) {
        var choices = new ArrayList<Tuple.Tuple2<Integer, Arbitrary<Step>>>(List.of(
                Tuple.of(7, request()),
                Tuple.of(6, deliver(maxBatch, reorder)),
                Tuple.of(2, up(Arbitraries.integers().between(0, 30).map(Step.Duplicate::new))),
                Tuple.of(2, capacity()),
                Tuple.of(1, up(Arbitraries.of(true, false).map(Step.Throttle::new))),
                Tuple.of(2, up(Arbitraries.of(5, 30, 90, 200, 700).map(Step.Advance::new))),
                Tuple.of(2, Arbitraries.just(new Step.Reconcile()))));
        if (!crashTargets.isEmpty()) {
            choices.add(Tuple.of(6, crash(crashTargets)));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    private static Arbitrary<Step> up(Arbitrary<? extends Step> a) {
        return a.map(s -> (Step) s);
    }

    static Arbitrary<Step> request() {
        var kinds = Arbitraries.frequency(Tuple.of(6, Kind.RESUME), Tuple.of(4, Kind.SUSPEND), Tuple.of(1, Kind.RESUME_FAIL));
        var nodes = Arbitraries.of(ReliabilityWorld.nodeNames()).set().ofMinSize(1).ofMaxSize(4)
                .map(s -> s.stream().sorted().toList());
        return Combinators.combine(kinds, nodes).as((k, n) -> (Step) new Step.Request(k, n));
    }

    static Arbitrary<Step> deliver(int maxBatch, boolean reorder) {
        return Combinators.combine(Arbitraries.integers().between(1, maxBatch),
                reorder ? Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)) : Arbitraries.just(false))
                .as((c, t) -> (Step) new Step.Deliver(c, t));
    }

    static Arbitrary<Step> capacity() {
        var type = Arbitraries.of("*", "m6i.2xlarge", "m5.2xlarge");
        var zone = Arbitraries.of("*", "eu-west-1a", "eu-west-1b");
        return Combinators.combine(type, zone, Arbitraries.of(ReliabilityWorld.MARKETS), Arbitraries.of(false, true))
                .as((t, z, m, a) -> (Step) new Step.Capacity(t, z, m, a));
    }

    static Arbitrary<Step> crash(List<Fault.Target> targets) {
        var points = new ArrayList<Tuple.Tuple2<Fault.Target, String>>();
        if (targets.contains(Fault.Target.EC2)) {
            Fault.EC2_OPERATIONS.forEach(op -> points.add(Tuple.of(Fault.Target.EC2, op)));
        }
        if (targets.contains(Fault.Target.STORE)) {
            Fault.STORE_OPERATIONS.forEach(op -> points.add(Tuple.of(Fault.Target.STORE, op)));
        }
        if (targets.contains(Fault.Target.SLURM)) {
            points.add(Tuple.of(Fault.Target.SLURM, "send"));
        }
        // Mostly the next call: a fault armed for a later one often never fires before quiescence disarms it.
        return Combinators.combine(Arbitraries.of(points), Arbitraries.of(Fault.Phase.class),
                        Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, 2)))
                .as((p, phase, skip) -> (Step) new Step.Crash(new Fault(p.get1(), p.get2(), phase, skip)));
    }
}
