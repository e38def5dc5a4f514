package dev.spotburst.functions.resume;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeNameTags;
import dev.spotburst.config.PluginConfig;
import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.LaunchPlan;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume with concurrent per-node calls: the same outcomes as one by one, one stale node fails alone. */
class ResumeServiceTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final MemoryStateStore memory = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();
    /** Nodes some other writer changes between our read and our conditional write. */
    final Set<NodeName> raced = ConcurrentHashMap.newKeySet();
    final AtomicInteger batchReads = new AtomicInteger();
    final AtomicInteger singleReads = new AtomicInteger();

    /** The memory store, counting reads and losing the conditional write race for the nodes in {@link #raced}. */
    final StateStore store = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
            new Class<?>[]{StateStore.class}, (proxy, method, args) -> {
                // transitionAll's default writes through transition(): route it via the proxy so each write is seen.
                if (method.getName().equals("transitionAll")) {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                switch (method.getName()) {
                    case "nodeRecords" -> batchReads.incrementAndGet();
                    case "node" -> singleReads.incrementAndGet();
                    case "transition" -> {
                        if (raced.contains(((NodeRecord) args[0]).node())) {
                            return false;
                        }
                    }
                    default -> { }
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    final ResumeService resume = new ResumeService(store, ec2, ec2, slurm, new ParallelCalls(8));

    static List<NodeRequest> requests(String... names) {
        return Stream.of(names).map(n -> new NodeRequest(NodeName.parse(n), T0)).toList();
    }

    @Test
    void everyGroupLaunchesOnceInNameOrderFromOneBatchedRead() {
        var r = resume.resume(TestConfig.cluster(), requests("batch-spot-0", "batch-spot-1", "batch-od-0", "batch-od-1",
                "batch-od-2", "batch-spot-2", "batch-spot-3", "batch-od-3"), T0);
        assertThat(r.launched()).hasSize(8);
        assertThat(r.busy()).isEmpty();
        assertThat(ec2.launches).extracting(p -> ((LaunchPlan.Fleet) p).group().toString())
                .containsExactly("batch-od", "batch-spot");
        assertThat(batchReads).hasValue(1);
        assertThat(singleReads).hasValue(0);
        assertThat(memory.launches).hasSize(8);
        assertThat(memory.nodes.values()).allMatch(n -> n.state() == NodeState.LAUNCHED);
        // each node its own instance; instances sorted like the nodes
        assertThat(memory.nodes.values().stream().map(NodeRecord::instanceId).distinct()).hasSize(8);
        assertThat(memory.node(NodeName.parse("batch-od-0")).instanceId())
                .isLessThan(memory.node(NodeName.parse("batch-od-3")).instanceId());
    }

    @Test
    void marksAndBindingsAreOneBatchedWritePerGroupEach() {
        var batches = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        var single = new AtomicInteger();
        var counting = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[]{StateStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transitionAll")) {
                        batches.add(((List<?>) args[0]).size());
                    } else if (method.getName().equals("transition")) {
                        single.incrementAndGet();
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var r = new ResumeService(counting, ec2, ec2, slurm, new ParallelCalls(4)).resume(TestConfig.cluster(),
                requests("batch-spot-0", "batch-spot-1", "batch-spot-2", "batch-od-0", "batch-od-1"), T0);
        assertThat(r.launched()).hasSize(5);
        // Two groups: one RESUMING batch and one LAUNCHED batch each, no per-node write.
        assertThat(batches).containsExactlyInAnyOrder(3, 3, 2, 2);
        assertThat(single).hasValue(0);
    }

    @Test
    void aNodeChangedMeanwhileIsBusyAloneAndTheOthersLaunch() {
        raced.add(NodeName.parse("batch-od-1"));
        var r = resume.resume(TestConfig.cluster(), requests("batch-od-0", "batch-od-1", "batch-od-2"), T0);
        assertThat(r.busy()).containsExactly(NodeName.parse("batch-od-1"));
        assertThat(r.launched()).extracting(Object::toString).containsExactly("batch-od-0", "batch-od-2");
        assertThat(((LaunchPlan.Fleet) ec2.launches.getFirst()).count()).isEqualTo(2);
        assertThat(slurm.commands).isEmpty();
    }

    @Test
    void hibernatingNodesCarryTheirNameTagFromLaunchSoNoCreateTagsIsNeeded() {
        resume.resume(TestConfig.cluster(), requests("batch-hib-0", "batch-hib-1"), T0);
        var plans = ec2.launches.stream().map(p -> (LaunchPlan.Instance) p).toList();
        assertThat(plans).allSatisfy(p -> assertThat(p.tags()).anyMatch(t -> t.key().equals("Name")
                && t.value().equals(p.node().toString())));
        // the binder only writes tags that need instance facts ({ip_address}); the hib group has none
        assertThat(ec2.tags.values()).allMatch(List::isEmpty);
    }

    @Test
    void aMultiNodeFleetMakesNoPerInstanceCallAndItsNodesAreFoundInTheLaunchRecords() {
        resume.resume(TestConfig.cluster(), requests("batch-od-0", "batch-od-1"), T0);
        assertThat(ec2.tags).isEmpty(); // NodeNameTags=launch (default): no CreateTags at all
        for (var n : List.of("batch-od-0", "batch-od-1")) {
            var id = memory.node(NodeName.parse(n)).instanceId();
            assertThat(memory.launches.get(id).node()).hasToString(n); // LAUNCH#<instanceId> → node
            assertThat(ec2.instances.get(id).tags()).doesNotContainKeys("Name", LaunchTags.NODE)
                    .containsEntry("CostCenter", "genomics");
        }
    }

    @Test
    void alwaysModeTagsEveryFleetInstanceRightAfterBinding() {
        resume.resume(withNodeNameTags(NodeNameTags.ALWAYS), requests("batch-od-0", "batch-od-1"), T0);
        assertThat(ec2.tags).hasSize(2);
        for (var n : List.of("batch-od-0", "batch-od-1")) {
            var id = memory.node(NodeName.parse(n)).instanceId();
            assertThat(ec2.tags.get(id)).anyMatch(t -> t.key().equals("Name") && t.value().equals(n));
        }
    }

    @Test
    void aFleetForOneNodeNamesItAtLaunch() {
        resume.resume(TestConfig.cluster(), requests("batch-od-2"), T0);
        assertThat(ec2.tags).isEmpty();
        var id = memory.node(NodeName.parse("batch-od-2")).instanceId();
        assertThat(ec2.instances.get(id).tags()).containsEntry("Name", "batch-od-2").containsEntry(LaunchTags.NODE, "batch-od-2");
    }

    /** The compute node looks itself up by instance id: the record must exist by the time its node is LAUNCHED. */
    @Test
    void theLaunchRecordExistsBeforeTheNodeIsLaunched() {
        var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var checking = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[]{StateStore.class}, (proxy, method, args) -> {
                    // transitionAll's default writes through transition(): route it via the proxy so each write is seen.
                    if (method.getName().equals("transitionAll")) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    if (method.getName().equals("transition") && ((NodeRecord) args[1]).state() == NodeState.LAUNCHED) {
                        var next = (NodeRecord) args[1];
                        var launch = memory.launches.get(next.instanceId());
                        seen.add(next.node() + "=" + (launch == null ? "none" : launch.node()));
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new ResumeService(checking, ec2, ec2, slurm, new ParallelCalls(4)).resume(TestConfig.cluster(),
                requests("batch-od-0", "batch-od-1", "batch-hib-0", "batch-spot-0"), T0);
        assertThat(seen).containsExactlyInAnyOrder("batch-od-0=batch-od-0", "batch-od-1=batch-od-1",
                "batch-hib-0=batch-hib-0", "batch-spot-0=batch-spot-0");
    }

    @Test
    void anInstanceWhoseNodeMovedOnHasItsLaunchRecordClosed() {
        // batch-od-1 is suspended by someone else between the launch and its LAUNCHED write.
        var losing = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[]{StateStore.class}, (proxy, method, args) -> {
                    // transitionAll's default writes through transition(): route it via the proxy so each write is seen.
                    if (method.getName().equals("transitionAll")) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    if (method.getName().equals("transition") && ((NodeRecord) args[1]).state() == NodeState.LAUNCHED
                            && ((NodeRecord) args[1]).node().toString().equals("batch-od-1")) {
                        return false;
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new ResumeService(losing, ec2, ec2, slurm, new ParallelCalls(4)).resume(TestConfig.cluster(),
                requests("batch-od-0", "batch-od-1"), T0);
        assertThat(memory.launches.values()).filteredOn(l -> l.node().toString().equals("batch-od-1"))
                .singleElement().satisfies(l -> {
                    assertThat(l.endedAt()).isEqualTo(T0);
                    assertThat(ec2.terminated).contains(l.instanceId());
                });
        assertThat(memory.launches.values()).filteredOn(l -> l.node().toString().equals("batch-od-0"))
                .singleElement().satisfies(l -> assertThat(l.endedAt()).isNull());
    }

    static ClusterConfig withNodeNameTags(NodeNameTags mode) {
        var c = TestConfig.cluster();
        var p = c.plugin();
        return new ClusterConfig(c.partitions(), new PluginConfig(p.logLevel(), p.logFileName(), p.slurmBinPath(),
                p.nodePartitionFolder(), p.slurmConf(), p.spotburst().withNodeNameTags(mode)));
    }
}
