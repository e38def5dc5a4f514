package dev.spotburst.functions.it;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.PartitionConfig;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.state.Counters;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 nodes (100 terminate-behaviour, 100 hibernating) running jobs, every Spot pool reclaimed at once; every event
 * delivered twice, then all of them again in reverse order. Afterwards: no orphan instance or request, and every node
 * in a state that matches EC2. Figures are printed, not asserted (timings depend on the machine).
 */
class InterruptionStormIT {
    static final int PER_GROUP = 100;

    final InterruptionWorld w = new InterruptionWorld(cluster());

    static NodeGroupConfig sized(NodeGroupConfig g, int n) {
        return new NodeGroupConfig(g.partitionName(), g.nodeGroupName(), n, g.region(), g.profileName(),
                g.purchasingOption(), g.onDemandOptions(), g.spotOptions(), g.launchTemplate(),
                g.launchTemplateOverrides(), g.subnetIds(), g.tags(), g.slurmSpecifications(), g.spotburst());
    }

    static ClusterConfig cluster() {
        var base = TestConfig.cluster();
        return new ClusterConfig(List.of(new PartitionConfig("batch", List.of(TestConfig.od(),
                sized(TestConfig.spot(), PER_GROUP), sized(TestConfig.hib(), PER_GROUP)), Map.of())), base.plugin());
    }

    @AfterEach
    void stop() {
        w.close();
    }

    List<NodeRecord> all() {
        return w.config.nodeGroups().flatMap(g -> w.store.nodes(g.id()).stream()).toList();
    }

    @Test
    void twoHundredInterruptionsLeaveNoOrphanAndEveryNodeConsistent() {
        String spot = "batch-spot-[0-" + (PER_GROUP - 1) + "]";
        String hib = "batch-hib-[0-" + (PER_GROUP - 1) + "]";
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, spot)).isEmpty();
        assertThat(w.send(PowerSaveRequest.Kind.RESUME, hib)).isEmpty();
        w.registered(spot);
        w.registered(hib);
        w.pump();
        w.snapshotWithJobs(all());
        assertThat(all()).hasSize(2 * PER_GROUP).allMatch(r -> r.state() == NodeState.READY);
        var memoryBefore = w.emu.control().instances().stream()
                .collect(Collectors.toMap(i -> i.instanceId(), i -> String.valueOf(i.memory())));
        w.slurm.commands.clear();
        w.delivered.clear();
        long t0 = System.nanoTime();

        // Every Spot pool in use is reclaimed at once.
        var pools = all().stream().map(r -> r.instanceType() + "@" + r.availabilityZone()).collect(Collectors.toCollection(java.util.TreeSet::new));
        int interrupted = 0;
        for (var p : pools) {
            var parts = p.split("@");
            interrupted += w.emu.control().interruptPool(parts[0], parts[1]).size();
        }
        int deliveries = w.pump(2);
        w.advance(Duration.ofMinutes(2));
        deliveries += w.pump(2);
        // Slurm's SuspendProgram for every node it was told to POWER_DOWN_FORCE.
        assertThat(w.slurmSuspendsForcedNodes()).isEmpty();
        deliveries += w.pump(2);

        // Capacity returns for half of the hibernated nodes; Slurm gives up on 20 of the others.
        var hibPools = all().stream().filter(r -> r.state() == NodeState.HIBERNATED)
                .collect(Collectors.groupingBy(r -> r.instanceType() + "@" + r.availabilityZone(), TreeMap::new, Collectors.counting()));
        int toRestore = PER_GROUP / 2;
        for (var e : hibPools.entrySet()) {
            var parts = e.getKey().split("@");
            int n = (int) Math.min(toRestore, e.getValue());
            w.emu.control().restoreCapacity(parts[0], parts[1], "spot", n);
            toRestore -= n;
        }
        w.advance(Duration.ofMinutes(10));
        deliveries += w.pump(2);
        var givenUp = all().stream().filter(r -> r.state() == NodeState.HIBERNATED).limit(20)
                .map(r -> r.node().toString()).toList();
        assertThat(w.send(PowerSaveRequest.Kind.SUSPEND, String.join(",", givenUp))).isEmpty();
        deliveries += w.pump(2);
        w.advance(Duration.ofMinutes(10));
        w.reconciler.run(w.config, List.of(), w.now());
        deliveries += w.pump(2);
        // EventBridge may deliver anything again, in any order: nothing may change.
        var settled = all();
        int replayed = w.delivered.size();
        w.redeliverAllReversed();
        w.reconciler.run(w.config, List.of(), w.now());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(all()).containsExactlyInAnyOrderElementsOf(settled);

        // --- consistency ---
        var byState = all().stream().collect(Collectors.groupingBy(r -> r.node().group() + ":" + r.state(), TreeMap::new, Collectors.counting()));
        var instances = w.emu.control().instances();
        var live = instances.stream().filter(i -> !i.state().equals("terminated") && !i.state().equals("shutting-down")).toList();
        var owned = new HashSet<String>();
        all().forEach(r -> { if (r.instanceId() != null) owned.add(r.instanceId()); });
        var orphans = live.stream().filter(i -> !owned.contains(i.instanceId())).map(i -> i.instanceId()).toList();
        var ownedRequests = all().stream().map(NodeRecord::spotRequestId).filter(s -> s != null).collect(Collectors.toSet());
        var orphanRequests = w.ec2.clusterSpotRequests("demo").stream().filter(s -> s.live() && !ownedRequests.contains(s.spotRequestId()))
                .map(s -> s.spotRequestId()).toList();
        assertThat(interrupted).isEqualTo(2 * PER_GROUP);
        assertThat(orphans).isEmpty();
        assertThat(orphanRequests).isEmpty();
        var inconsistent = new ArrayList<String>();
        var byId = instances.stream().collect(Collectors.toMap(i -> i.instanceId(), i -> i));
        for (var r : all()) {
            var i = r.instanceId() == null ? null : byId.get(r.instanceId());
            boolean ok = switch (r.state()) {
                case POWERED_DOWN -> r.instanceId() == null;
                case READY -> i != null && i.state().equals("running") && i.privateIpAddress().equals(r.privateIp())
                        && memoryBefore.get(i.instanceId()).equals(String.valueOf(i.memory()));
                case HIBERNATED -> i != null && i.state().equals("stopped");
                default -> false;
            };
            if (!ok) {
                inconsistent.add(r.node() + " " + r.state() + " " + (i == null ? "-" : i.state()));
            }
        }
        assertThat(inconsistent).isEmpty();
        var hibKills = w.slurm.commands.stream().map(c -> c.command())
                .filter(c -> c instanceof SlurmCommand.NodeDown || c instanceof SlurmCommand.NodePowerDown
                        || c instanceof SlurmCommand.JobRequeue)
                .map(InterruptionWorld::target).filter(t -> t != null && t.startsWith("batch-hib")).toList();
        assertThat(hibKills).isEmpty();
        var totals = Counters.totals(w.store.counters());
        assertThat(totals).containsEntry(Counters.INTERRUPTIONS, 2L * PER_GROUP)
                .containsEntry(Counters.INTERRUPTIONS_REQUEUED, (long) PER_GROUP)
                .containsEntry(Counters.HIBERNATIONS, (long) PER_GROUP)
                .containsEntry(Counters.HIBERNATIONS_SURVIVED, PER_GROUP / 2L);
        assertThat(byState).containsEntry("batch-spot:POWERED_DOWN", (long) PER_GROUP)
                .containsEntry("batch-hib:READY", PER_GROUP / 2L)
                .containsEntry("batch-hib:POWERED_DOWN", 20L)
                .containsEntry("batch-hib:HIBERNATED", PER_GROUP / 2L - 20);

        var commandKinds = w.slurm.commands.stream().collect(Collectors.groupingBy(
                c -> c.command().getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
        System.out.printf("storm: %d nodes interrupted (%d pools), %d events, %d deliveries (+%d replayed reversed), "
                        + "%d ms wall (control plane + emulator + DynamoDB Local)%n  states %s%n  counters %s%n"
                        + "  slurm commands %s (ids unique: %d)%n  live instances %d, orphans %d, orphan requests %d, "
                        + "inconsistent %d%n  EC2 calls %s%n",
                interrupted, pools.size(), w.delivered.size(), deliveries, replayed, millis, byState, totals, commandKinds,
                w.slurm.commands.stream().map(c -> c.id()).distinct().count(), live.size(), orphans.size(),
                orphanRequests.size(), inconsistent.size(), w.emu.control().callCounts());
        assertThat(Stream.of(orphans.size(), orphanRequests.size(), inconsistent.size())).allMatch(n -> n == 0);
    }
}
