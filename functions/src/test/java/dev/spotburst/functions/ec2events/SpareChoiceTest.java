package dev.spotburst.functions.ec2events;

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
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SpareChoiceTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration FRESH = Duration.ofSeconds(240);
    static final NodeGroupId GROUP = new NodeGroupId("batch", "spot");
    static final List<NodeName> NODES = IntStream.range(0, 6).mapToObj(i -> new NodeName(GROUP, i)).toList();
    static final NodeName AT_RISK = NODES.get(0);
    static final NodeGroupRecord OK = NodeGroupRecord.initial(GROUP);

    static NodeRecord ready(NodeName n) {
        var t = NOW.minusSeconds(600);
        return NodeRecord.initial(n).resuming(t, t)
                .launched(new InstanceBinding("i-" + n.index(), null, Market.SPOT, "m6i.large", "eu-west-1a", "10.0.0." + n.index()), t)
                .ready(t);
    }

    static NodeRecord inState(NodeName n, NodeState s) {
        return new NodeRecord(n, s, 3, null, null, null, null, null, null, "r", NOW.minusSeconds(60), null);
    }

    static SlurmSnapshot.Node slurm(NodeName n, String state, String... flags) {
        return new SlurmSnapshot.Node(n.toString(), state, Set.of(flags), null, null, List.of());
    }

    static SlurmSnapshot snapshot(Instant takenAt, SlurmSnapshot.Node... nodes) {
        return new SlurmSnapshot(SlurmSnapshot.SCHEMA_VERSION, takenAt, "demo", List.of(nodes));
    }

    static Optional<NodeName> choose(List<NodeRecord> records, NodeGroupRecord group, Optional<SlurmSnapshot> snap) {
        return SpareChoice.choose(AT_RISK, NODES, records, group, snap, FRESH, NOW).spare();
    }

    @Test
    void lowestIndexPoweredDownNodeThatIsNotTheNodeAtRisk() {
        // batch-spot-0 (at risk) and -1 are up; -2 was never written (POWERED_DOWN); -3 is FAILED.
        var records = List.of(ready(NODES.get(0)), ready(NODES.get(1)), inState(NODES.get(3), NodeState.FAILED));
        assertThat(choose(records, OK, Optional.empty())).contains(NODES.get(2));
    }

    @Test
    void atRiskNodeIsNeverItsOwnSpareEvenIfItsRecordLooksPoweredDown() {
        var records = new ArrayList<NodeRecord>();
        NODES.stream().skip(1).forEach(n -> records.add(ready(n)));
        assertThat(choose(records, OK, Optional.empty())).isEmpty();
    }

    @Test
    void noneWhileTheGroupIsProtectedOrCoolingDown() {
        var protectedGroup = new NodeGroupRecord(GROUP, 4, 3, NOW.minusSeconds(10), null, NOW.minusSeconds(10));
        assertThat(SpareChoice.choose(AT_RISK, NODES, List.of(), protectedGroup, Optional.empty(), FRESH, NOW).why())
                .contains("protected");
        assertThat(choose(List.of(), protectedGroup, Optional.empty())).isEmpty();

        var cooling = OK.capacityCooldown(NOW.plusSeconds(300), "InsufficientInstanceCapacity", NOW);
        assertThat(choose(List.of(), cooling, Optional.empty())).isEmpty();
        var cooled = OK.capacityCooldown(NOW.minusSeconds(1), "InsufficientInstanceCapacity", NOW.minusSeconds(400));
        assertThat(choose(List.of(), cooled, Optional.empty())).contains(NODES.get(1));
    }

    @Test
    void freshSnapshotMustShowTheSpareIdleAndPoweredDown() {
        var snap = snapshot(NOW.minusSeconds(30),
                slurm(NODES.get(0), "ALLOCATED", "CLOUD"),
                slurm(NODES.get(1), "DOWN", "CLOUD", "POWERED_DOWN"),              // down~ (cooled or failed)
                slurm(NODES.get(2), "IDLE", "CLOUD", "POWERED_DOWN", "DRAIN"),     // drained~
                slurm(NODES.get(3), "IDLE", "CLOUD", "POWERING_UP"),               // idle# (someone else's resume)
                slurm(NODES.get(4), "ALLOCATED", "CLOUD", "POWERED_DOWN"),         // allocated~: Slurm resumes it itself
                slurm(NODES.get(5), "IDLE", "CLOUD", "POWERED_DOWN", "NOT_RESPONDING"));
        assertThat(choose(List.of(ready(AT_RISK)), OK, Optional.of(snap))).contains(NODES.get(5));
    }

    @Test
    void nodeMissingFromAFreshSnapshotIsNotASpare() {
        var snap = snapshot(NOW.minusSeconds(30), slurm(NODES.get(0), "ALLOCATED", "CLOUD"),
                slurm(NODES.get(3), "IDLE", "CLOUD", "POWERED_DOWN"));
        assertThat(choose(List.of(ready(AT_RISK)), OK, Optional.of(snap))).contains(NODES.get(3));
    }

    @Test
    void staleSnapshotIsIgnoredAndTheRecordsDecide() {
        var stale = snapshot(NOW.minus(FRESH).minusSeconds(1), slurm(NODES.get(1), "DOWN", "CLOUD", "POWERED_DOWN"));
        assertThat(choose(List.of(ready(AT_RISK)), OK, Optional.of(stale))).contains(NODES.get(1));
        var justFresh = snapshot(NOW.minus(FRESH), slurm(NODES.get(1), "DOWN", "CLOUD", "POWERED_DOWN"));
        assertThat(choose(List.of(ready(AT_RISK)), OK, Optional.of(justFresh))).isEmpty();
    }

    @Property
    void spareIsNeverTheNodeAtRiskNorANodeWhoseRecordIsNotPoweredDown(
            @ForAll @Size(6) List<@From("states") NodeState> states, @ForAll @IntRange(max = 5) int atRisk,
            @ForAll boolean withSnapshot, @ForAll @Size(6) List<@From("slurmStates") String> slurmStates) {
        var records = IntStream.range(0, 6).mapToObj(i -> states.get(i) == NodeState.READY ? ready(NODES.get(i))
                : inState(NODES.get(i), states.get(i))).toList();
        var snap = withSnapshot ? Optional.of(snapshot(NOW, IntStream.range(0, 6)
                .mapToObj(i -> slurm(NODES.get(i), slurmStates.get(i), "CLOUD", "POWERED_DOWN"))
                .toArray(SlurmSnapshot.Node[]::new))) : Optional.<SlurmSnapshot>empty();
        var risk = NODES.get(atRisk);
        var spare = SpareChoice.choose(risk, NODES, records, OK, snap, FRESH, NOW).spare();
        spare.ifPresent(s -> {
            assertThat(s).isNotEqualTo(risk);
            assertThat(states.get(s.index())).isEqualTo(NodeState.POWERED_DOWN);
            if (withSnapshot) {
                assertThat(slurmStates.get(s.index())).isEqualTo("IDLE");
            }
            // the lowest such index
            IntStream.range(0, s.index()).filter(i -> i != atRisk).forEach(i -> assertThat(
                    states.get(i) == NodeState.POWERED_DOWN && (!withSnapshot || slurmStates.get(i).equals("IDLE")))
                    .isFalse());
        });
        boolean anyFree = IntStream.range(0, 6).anyMatch(i -> i != atRisk && states.get(i) == NodeState.POWERED_DOWN
                && (!withSnapshot || slurmStates.get(i).equals("IDLE")));
        assertThat(spare.isPresent()).isEqualTo(anyFree);
    }

    @Provide
    Arbitrary<NodeState> states() {
        return Arbitraries.of(NodeState.values());
    }

    @Provide
    Arbitrary<String> slurmStates() {
        return Arbitraries.of("IDLE", "DOWN", "ALLOCATED", "MIXED");
    }
}
