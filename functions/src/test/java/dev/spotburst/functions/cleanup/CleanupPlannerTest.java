package dev.spotburst.functions.cleanup;

import dev.spotburst.functions.cleanup.CleanupAction.AwaitTermination;
import dev.spotburst.functions.cleanup.CleanupAction.CancelSpotRequests;
import dev.spotburst.functions.cleanup.CleanupAction.DeleteFleets;
import dev.spotburst.functions.cleanup.CleanupAction.Done;
import dev.spotburst.functions.cleanup.CleanupAction.Rescan;
import dev.spotburst.functions.cleanup.CleanupAction.TerminateInstances;
import dev.spotburst.functions.cleanup.CleanupSnapshot.Fleet;
import dev.spotburst.functions.cleanup.CleanupSnapshot.Instance;
import dev.spotburst.functions.cleanup.CleanupSnapshot.SpotRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CleanupPlannerTest {

    private static CleanupSnapshot snapshot(List<SpotRequest> r, List<Fleet> f, List<Instance> i) {
        return new CleanupSnapshot(r, f, i, false);
    }

    private static List<Instance> instances(int n, String state) {
        return IntStream.range(0, n).mapToObj(k -> new Instance("i-" + state + k, state)).toList();
    }

    @Test
    void nothingLeftIsDone() {
        assertThat(CleanupPlanner.plan(CleanupSnapshot.empty())).containsExactly(new Done());
        assertThat(CleanupPlanner.isDone(CleanupPlanner.plan(CleanupSnapshot.empty()))).isTrue();
    }

    @Test
    void cancelsRequestsThenDeletesFleetsThenTerminatesInstances() {
        var plan = CleanupPlanner.plan(snapshot(
                List.of(new SpotRequest("sir-1", "active"), new SpotRequest("sir-2", "open"), new SpotRequest("sir-3", "disabled")),
                List.of(new Fleet("fleet-m", "maintain", "active"), new Fleet("fleet-i", "instant", "active")),
                List.of(new Instance("i-1", "running"), new Instance("i-2", "stopped"), new Instance("i-3", "pending"),
                        new Instance("i-4", "stopping"))));
        assertThat(plan).containsExactly(
                new CancelSpotRequests(List.of("sir-1", "sir-2", "sir-3")),
                new DeleteFleets(List.of("fleet-i"), true),
                new DeleteFleets(List.of("fleet-m"), false),
                new TerminateInstances(List.of("i-1", "i-2", "i-3", "i-4")));
    }

    @Test
    void finishedThingsAreIgnored() {
        var plan = CleanupPlanner.plan(snapshot(
                List.of(new SpotRequest("sir-1", "cancelled"), new SpotRequest("sir-2", "closed"), new SpotRequest("sir-3", "failed")),
                List.of(new Fleet("fleet-1", "maintain", "deleted_terminating"), new Fleet("fleet-2", "request", "deleted_running"),
                        new Fleet("fleet-3", "maintain", "failed"), new Fleet("fleet-4", "instant", "deleted")),
                List.of(new Instance("i-1", "terminated"))));
        assertThat(plan).containsExactly(new Done());
    }

    @Test
    void shuttingDownIsWaitedForNotTerminatedAgain() {
        var plan = CleanupPlanner.plan(snapshot(List.of(), List.of(), List.of(new Instance("i-1", "shutting-down"))));
        assertThat(plan).containsExactly(new AwaitTermination(List.of("i-1")));
        assertThat(CleanupPlanner.isDone(plan)).isFalse();
    }

    @Test
    void truncatedListingIsNeverDone() {
        var plan = CleanupPlanner.plan(new CleanupSnapshot(List.of(), List.of(), List.of(), true));
        assertThat(plan).containsExactly(new Rescan());
        assertThat(CleanupPlanner.isDone(plan)).isFalse();
    }

    @Test
    void batchesRespectTheEc2Limits() {
        var requests = IntStream.range(0, 450).mapToObj(k -> new SpotRequest("sir-" + k, "open")).toList();
        var fleets = new ArrayList<Fleet>();
        IntStream.range(0, 30).forEach(k -> fleets.add(new Fleet("fleet-i" + k, "instant", "active")));
        IntStream.range(0, 150).forEach(k -> fleets.add(new Fleet("fleet-m" + k, k % 2 == 0 ? "maintain" : "request", "active")));
        var plan = CleanupPlanner.plan(snapshot(requests, fleets, instances(2500, "running")));
        assertThat(plan.stream().filter(a -> a instanceof CancelSpotRequests).map(a -> ((CancelSpotRequests) a).ids().size()))
                .containsExactly(200, 200, 50);
        assertThat(plan.stream().filter(a -> a instanceof DeleteFleets d && d.instant()).map(a -> ((DeleteFleets) a).ids().size()))
                .containsExactly(25, 5);
        assertThat(plan.stream().filter(a -> a instanceof DeleteFleets d && !d.instant()).map(a -> ((DeleteFleets) a).ids().size()))
                .containsExactly(100, 50);
        assertThat(plan.stream().filter(a -> a instanceof TerminateInstances).map(a -> ((TerminateInstances) a).ids().size()))
                .containsExactly(1000, 1000, 500);
    }

    @Test
    void duplicatesFromOverlappingPagesAreSentOnce() {
        var plan = CleanupPlanner.plan(snapshot(List.of(), List.of(),
                List.of(new Instance("i-1", "running"), new Instance("i-1", "running"))));
        assertThat(plan).containsExactly(new TerminateInstances(List.of("i-1")));
    }

    @Property(tries = 200)
    void everyLiveThingIsHandledOnceWithinLimitsAndInOrder(@ForAll("snapshots") CleanupSnapshot s) {
        var plan = CleanupPlanner.plan(s);
        var cancelled = new ArrayList<String>();
        var deleted = new ArrayList<String>();
        var terminated = new ArrayList<String>();
        int lastKind = 0;
        for (var a : plan) {
            int kind = switch (a) {
                case CancelSpotRequests c -> {
                    assertThat(c.ids()).hasSizeBetween(1, CleanupPlanner.CANCEL_BATCH);
                    cancelled.addAll(c.ids());
                    yield 1;
                }
                case DeleteFleets d -> {
                    assertThat(d.ids()).hasSizeBetween(1, d.instant() ? 25 : 100);
                    deleted.addAll(d.ids());
                    yield 2;
                }
                case TerminateInstances t -> {
                    assertThat(t.ids()).hasSizeBetween(1, 1000);
                    terminated.addAll(t.ids());
                    yield 3;
                }
                case AwaitTermination w -> 4;
                case Rescan r -> 5;
                case Done d -> 6;
            };
            assertThat(kind).as("cancel < delete fleets < terminate < await").isGreaterThanOrEqualTo(lastKind);
            lastKind = kind;
        }
        assertThat(cancelled).containsExactlyInAnyOrderElementsOf(s.spotRequests().stream()
                .filter(r -> List.of("open", "active", "disabled").contains(r.state())).map(SpotRequest::id).distinct().toList());
        assertThat(deleted).containsExactlyInAnyOrderElementsOf(s.fleets().stream()
                .filter(f -> List.of("submitted", "active", "modifying").contains(f.state())).map(Fleet::id).distinct().toList());
        assertThat(terminated).containsExactlyInAnyOrderElementsOf(s.instances().stream()
                .filter(i -> !List.of("terminated", "shutting-down").contains(i.state())).map(Instance::id).distinct().toList());
        boolean nothingLive = cancelled.isEmpty() && deleted.isEmpty() && terminated.isEmpty()
                && s.instances().stream().allMatch(i -> i.state().equals("terminated")) && !s.truncated();
        assertThat(CleanupPlanner.isDone(plan)).isEqualTo(nothingLive);
    }

    @Provide
    Arbitrary<CleanupSnapshot> snapshots() {
        var req = Combinators.combine(Arbitraries.integers().between(0, 3000),
                Arbitraries.of("open", "active", "disabled", "closed", "cancelled", "failed"))
                .as((n, st) -> new SpotRequest("sir-" + n, st));
        var fleet = Combinators.combine(Arbitraries.integers().between(0, 3000), Arbitraries.of("instant", "maintain", "request"),
                Arbitraries.of("submitted", "active", "modifying", "deleted", "deleted_running", "deleted_terminating", "failed"))
                .as((n, t, st) -> new Fleet("fleet-" + t + n, t, st));
        var inst = Combinators.combine(Arbitraries.integers().between(0, 5000),
                Arbitraries.of("pending", "running", "shutting-down", "terminated", "stopping", "stopped"))
                .as((n, st) -> new Instance("i-" + st + n, st));
        return Combinators.combine(req.list().ofMaxSize(500), fleet.list().ofMaxSize(300), inst.list().ofMaxSize(2500),
                Arbitraries.of(false, false, false, true)).as(CleanupSnapshot::new);
    }
}
