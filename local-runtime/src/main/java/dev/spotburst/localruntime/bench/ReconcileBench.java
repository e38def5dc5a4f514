package dev.spotburst.localruntime.bench;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.reconcile.ReconcilePlanner;
import dev.spotburst.functions.reconcile.ReconcileSnapshot;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeState;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reconcile decision over 10,000 nodes in 100 node groups, in process: the snapshot is built directly (what
 * {@code Reconciler.run} would load from DynamoDB and DescribeInstances) and {@link ReconcilePlanner#plan} is timed.
 * Mix: 40 % READY with a running instance, 5 % LAUNCHED (registered in Slurm), 5 % RESUMING, 50 % POWERED_DOWN,
 * plus 50 unowned instances past the orphan grace. Heap: used after GC before the pass, used after it, and the
 * peak of the heap pools during it (MemoryPoolMXBean peak usage, reset before the pass).
 */
final class ReconcileBench {
    record Result(int nodes, int actions, double planMillis, double buildMillis, long heapBeforeMb, long heapAfterMb,
                  long heapPeakMb) {
    }

    static Result run(int groups, int nodesPerGroup, PrintStream log) {
        var config = BenchConfigs.of(groups / 10, 10, nodesPerGroup, 100);
        var now = Instant.parse("2026-11-01T12:00:00Z");
        gc();
        long before = heapUsed();
        long t0 = System.nanoTime();
        var snapshot = snapshot(config, now);
        double build = (System.nanoTime() - t0) / 1e6;
        resetPeaks();
        long t1 = System.nanoTime();
        var actions = ReconcilePlanner.plan(snapshot, now);
        double plan = (System.nanoTime() - t1) / 1e6;
        long peak = heapPeak();
        long after = heapUsed();
        var result = new Result(snapshot.nodes().size(), actions.size(), plan, build, before >> 20, after >> 20, peak >> 20);
        log.printf("  reconcile: %d nodes, %d actions, plan %.0f ms (snapshot build %.0f ms), heap before %d MB, "
                + "after %d MB, peak %d MB (max heap %d MB: run with MAVEN_OPTS=-Xmx512m for the 512 MB budget)%n",
                result.nodes(), result.actions(), plan, build, result.heapBeforeMb(), result.heapAfterMb(),
                result.heapPeakMb(), Runtime.getRuntime().maxMemory() >> 20);
        return result;
    }

    static ReconcileSnapshot snapshot(ClusterConfig config, Instant now) {
        var records = new ArrayList<NodeRecord>();
        var instances = new ArrayList<InstanceView>();
        var slurmNodes = new ArrayList<SlurmSnapshot.Node>();
        Map<dev.spotburst.model.NodeGroupId, NodeGroupRecord> groupRecords = new HashMap<>();
        int i = 0;
        for (var g : config.nodeGroups().toList()) {
            groupRecords.put(g.id(), NodeGroupRecord.initial(g.id()));
            for (var node : g.nodes().toList()) {
                int bucket = i++ % 20;
                String id = String.format("i-%017x", i);
                String ip = "10.%d.%d.%d".formatted((i >> 16) & 255, (i >> 8) & 255, i & 255);
                var since = now.minus(Duration.ofMinutes(10));
                NodeState state = bucket < 8 ? NodeState.READY : bucket < 9 ? NodeState.LAUNCHED
                        : bucket < 10 ? NodeState.RESUMING : NodeState.POWERED_DOWN;
                boolean hasInstance = state == NodeState.READY || state == NodeState.LAUNCHED;
                records.add(new NodeRecord(node, state, 3, hasInstance ? id : null, null,
                        hasInstance ? Market.SPOT : null, hasInstance ? "m5.large" : null, hasInstance ? "us-east-1a" : null,
                        hasInstance ? ip : null, null, state == NodeState.RESUMING ? now.minusSeconds(5) : since, since));
                if (hasInstance) {
                    instances.add(new InstanceView(id, "running", "m5.large", "us-east-1a", g.subnetIds().getFirst(), ip,
                            "ip-" + ip.replace('.', '-'), since, Market.SPOT, null,
                            Map.of(LaunchTags.CLUSTER, config.clusterName(), LaunchTags.NODE_GROUP, g.id().toString(),
                                    LaunchTags.NODE, node.toString(), "Name", node.toString())));
                }
                slurmNodes.add(new SlurmSnapshot.Node(node.toString(), hasInstance ? "IDLE" : "IDLE",
                        hasInstance ? Set.of("CLOUD") : state == NodeState.RESUMING ? Set.of("CLOUD", "POWERING_UP", "NOT_RESPONDING")
                                : Set.of("CLOUD", "POWERED_DOWN"), null, hasInstance ? ip : node.toString(), List.of()));
            }
        }
        for (int o = 0; o < 50; o++) {
            instances.add(new InstanceView(String.format("i-%017x", 900_000 + o), "running", "m5.large", "us-east-1a",
                    "subnet-0a0b0c01", "10.255.0." + o, null, now.minus(Duration.ofHours(1)), Market.ON_DEMAND, null,
                    Map.of(LaunchTags.CLUSTER, config.clusterName())));
        }
        var slurm = new SlurmSnapshot(SlurmSnapshot.SCHEMA_VERSION, now.minusSeconds(20), config.clusterName(), slurmNodes);
        return new ReconcileSnapshot(config, records, groupRecords, instances, List.of(), Optional.of(slurm));
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment during the pass. */
    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void gc() {
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
