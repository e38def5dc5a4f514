package dev.spotburst.functions.rescue;

import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.config.NodeGroupExtensions;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RescuePlannerTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static NodeGroupConfig group(int maxMinutes, String behavior) {
        var g = RescueIT.hib();
        return new NodeGroupConfig(g.partitionName(), g.nodeGroupName(), g.maxNodes(), g.region(), null,
                g.purchasingOption(), g.onDemandOptions(), java.util.Map.of("InstanceInterruptionBehavior", behavior),
                g.launchTemplate(), g.launchTemplateOverrides(), g.subnetIds(), g.tags(), g.slurmSpecifications(),
                new NodeGroupExtensions(0, null, false, 240, maxMinutes, NodeGroupExtensions.RebalanceAction.DRAIN));
    }

    static NodeRecord rec(int index, NodeState state, Market market, Duration ago) {
        return new NodeRecord(NodeName.parse("batch-hib-" + index), state, 3, "i-0000000000000000" + index, "sir-abcdefg" + index,
                market, "m6i.2xlarge", "eu-west-1a", "10.0.1." + (10 + index), null, NOW.minus(ago), null);
    }

    static List<RescueStep> plan(NodeGroupConfig g, NodeRecord... nodes) {
        return RescuePlanner.plan(new RescueSnapshot(List.of(new RescueSnapshot.Group(g, List.of(nodes)))), NOW);
    }

    @Test
    void dueExactlyAtTheLimitAndLongestWaitingFirst() {
        var steps = plan(group(30, "hibernate"),
                rec(0, NodeState.HIBERNATED, Market.SPOT, Duration.ofMinutes(29)),
                rec(1, NodeState.HIBERNATED, Market.SPOT, Duration.ofMinutes(30)),
                rec(2, NodeState.HIBERNATED, Market.SPOT, Duration.ofHours(2)));
        assertThat(steps).extracting(s -> s.node().toString()).containsExactly("batch-hib-2", "batch-hib-1");
        var first = (RescueStep.Rescue) steps.get(0);
        assertThat(first.hibernatedFor()).isEqualTo(Duration.ofHours(2));
        assertThat(first.spotInstanceId()).isEqualTo("i-00000000000000002");
        assertThat(first.recordVersion()).isEqualTo(3);
    }

    @Test
    void onlyHibernatedSpotNodesOfGroupsWithALimit() {
        var old = Duration.ofHours(5);
        assertThat(plan(group(0, "hibernate"), rec(0, NodeState.HIBERNATED, Market.SPOT, old))).isEmpty();
        assertThat(plan(group(30, "terminate"), rec(0, NodeState.HIBERNATED, Market.SPOT, old))).isEmpty();
        assertThat(plan(group(30, "hibernate"),
                rec(0, NodeState.READY, Market.SPOT, old),
                rec(1, NodeState.HIBERNATING, Market.SPOT, old),
                rec(2, NodeState.HIBERNATED, Market.ON_DEMAND, old),
                rec(3, NodeState.FAILED, Market.SPOT, old))).isEmpty();
        assertThat(plan(group(30, "stop"), rec(0, NodeState.HIBERNATED, Market.SPOT, old))).hasSize(1);
    }
}
