package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Planner + executor over an in-memory cloud: safety properties that must hold whatever the starting state. */
class ReconcileProperties {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final NodeGroupId SPOT = NodeGroupId.parse("batch-spot");

    enum Shape { POWERED_DOWN, RESUMING_STALE, LAUNCHED_FRESH, LAUNCHED_OLD, READY_LIVE, READY_GONE }

    record World(List<Shape> nodes, List<Integer> orphanAgesSeconds, boolean protectedGroup, boolean registered) {
    }

    @Provide
    Arbitrary<World> worlds() {
        return Combinators.combine(
                Arbitraries.of(Shape.class).list().ofSize(8),
                Arbitraries.integers().between(0, 900).list().ofMaxSize(4),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(World::new);
    }

    @Property(tries = 200)
    void reconcileNeverKillsOwnedCapacityNorLaunchesIntoAProtectedGroup(@ForAll("worlds") World w) {
        var store = new MemoryStateStore();
        var ec2 = new FakeEc2();
        ec2.now = NOW;
        var slurm = new RecordingSlurm();
        var slurmNodes = new java.util.ArrayList<SlurmSnapshot.Node>();
        for (int i = 0; i < w.nodes().size(); i++) {
            var node = new NodeName(SPOT, i);
            var id = "i-n" + i;
            int ageSeconds = switch (w.nodes().get(i)) {
                case LAUNCHED_FRESH -> 60;
                case RESUMING_STALE -> 200;
                default -> 3600;
            };
            var since = NOW.minusSeconds(ageSeconds);
            var resuming = NodeRecord.initial(node).resuming(since, since);
            var bind = new InstanceBinding(id, null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0." + i);
            NodeRecord rec = switch (w.nodes().get(i)) {
                case POWERED_DOWN -> null;
                case RESUMING_STALE -> resuming;
                case LAUNCHED_FRESH, LAUNCHED_OLD -> resuming.launched(bind, since);
                case READY_LIVE, READY_GONE -> resuming.launched(bind, since).ready(since);
            };
            if (rec != null) {
                store.nodes.put(node, rec);
            }
            if (rec != null && rec.hasInstance() && w.nodes().get(i) != Shape.READY_GONE) {
                ec2.instances.put(id, new InstanceView(id, "running", "m6i.2xlarge", "eu-west-1a", "subnet-a",
                        "10.0.0." + i, null, since, Market.SPOT, null,
                        Map.of(LaunchTags.CLUSTER, "demo", LaunchTags.NODE, node.toString())));
            }
            slurmNodes.add(new SlurmSnapshot.Node(node.toString(), "IDLE",
                    w.registered() && rec != null && rec.hasInstance() ? java.util.Set.of("CLOUD") : java.util.Set.of("CLOUD", "POWERED_DOWN"),
                    null, null, List.of()));
        }
        var orphans = new HashSet<String>();
        var youngOrphans = new HashSet<String>();
        for (int k = 0; k < w.orphanAgesSeconds().size(); k++) {
            var id = "i-orphan" + k;
            int age = w.orphanAgesSeconds().get(k);
            ec2.instances.put(id, new InstanceView(id, "running", "m6i.2xlarge", "eu-west-1a", "subnet-a", "10.1.0." + k,
                    null, NOW.minusSeconds(age), Market.SPOT, null, Map.of(LaunchTags.CLUSTER, "demo")));
            (age > 300 ? orphans : youngOrphans).add(id);
        }
        if (w.protectedGroup()) {
            store.groups.put(SPOT, NodeGroupRecord.initial(SPOT).bootFailed(1, NOW.minusSeconds(10)));
        }
        store.snapshot = new SlurmSnapshot(1, NOW.minusSeconds(20), "demo", slurmNodes);
        var owned = new HashSet<String>();
        store.nodes.values().forEach(r -> { if (r.instanceId() != null) owned.add(r.instanceId()); });

        var resume = new ResumeService(store, ec2, ec2, slurm);
        var reconciler = new Reconciler(store, ec2, new ReconcileExecutor(store, ec2, ec2, slurm, resume));
        reconciler.run(TestConfig.cluster(), List.of(), NOW);

        if (w.protectedGroup()) {
            assertThat(ec2.launches).isEmpty();
        }
        assertThat(ec2.terminated).containsAll(orphans);
        youngOrphans.forEach(id -> assertThat(ec2.terminated).doesNotContain(id));
        for (var rec : store.nodes(SPOT)) {
            if (rec.state() == NodeState.LAUNCHED || rec.state() == NodeState.READY) {
                assertThat(ec2.terminated).as("owned instance of %s", rec.node()).doesNotContain(rec.instanceId());
            }
        }
        // Fresh launches are never timed out or marked lost.
        for (int i = 0; i < w.nodes().size(); i++) {
            if (w.nodes().get(i) == Shape.LAUNCHED_FRESH) {
                assertThat(store.node(new NodeName(SPOT, i)).state()).isIn(NodeState.LAUNCHED, NodeState.READY);
            }
        }
        // A second pass right after changes nothing in EC2 that the first pass did not already decide.
        int launches = ec2.launches.size();
        var terminatedBefore = new HashSet<>(ec2.terminated);
        reconciler.run(TestConfig.cluster(), List.of(), NOW);
        assertThat(ec2.launches).hasSize(launches);
        assertThat(new HashSet<>(ec2.terminated)).isEqualTo(terminatedBefore);
    }
}
