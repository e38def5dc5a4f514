package dev.spotburst.functions.launch;

import dev.spotburst.config.NodeNameTags;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tags ride on the launch call and which need a CreateTags per instance afterwards (NodeNameTags). */
class LaunchTagsTest {
    static final NodeName OD0 = NodeName.parse("batch-od-0");
    static final NodeName SPOT0 = NodeName.parse("batch-spot-0");

    static List<String> keys(List<LaunchTag> tags) {
        return tags.stream().map(LaunchTag::key).toList();
    }

    @Test
    void aMultiNodeFleetCarriesOnlyTagsEveryInstanceShares() {
        var od = LaunchPlanner.fleet("demo", TestConfig.od(), Market.ON_DEMAND, List.of(OD0, NodeName.parse("batch-od-1")), "k");
        assertThat(od.tags()).containsExactly(new LaunchTag(LaunchTags.CLUSTER, "demo"),
                new LaunchTag(LaunchTags.NODE_GROUP, "batch-od"), new LaunchTag("CostCenter", "genomics"));
        assertThat(od.carriesNodeTags()).isFalse();
        // The spot group's user tags all have placeholders ({node_name}, {ip_address}): none is uniform.
        var spot = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, List.of(SPOT0, NodeName.parse("batch-spot-1")), "k");
        assertThat(keys(spot.tags())).containsExactly(LaunchTags.CLUSTER, LaunchTags.NODE_GROUP);
    }

    @Test
    void aFleetForOneNodeCarriesThatNodesTags() {
        var plan = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, List.of(SPOT0), "k");
        assertThat(plan.carriesNodeTags()).isTrue();
        assertThat(plan.tags()).contains(new LaunchTag("Name", "batch-spot-0"), new LaunchTag(LaunchTags.NODE, "batch-spot-0"),
                new LaunchTag("Owner", "batch-spot-0"));
    }

    @Test
    void launchModeMakesNoCallAfterAMultiNodeFleetWithoutPerInstanceUserTags() {
        assertThat(LaunchTags.afterLaunch("demo", TestConfig.od(), OD0, NodeNameTags.LAUNCH, false)).isEmpty();
    }

    @Test
    void alwaysModeWritesEveryPerNodeTagAfterAMultiNodeFleet() {
        assertThat(LaunchTags.afterLaunch("demo", TestConfig.od(), OD0, NodeNameTags.ALWAYS, false))
                .isEqualTo(LaunchTags.forNode("demo", TestConfig.od(), OD0))
                .contains(new LaunchTag("Name", "batch-od-0"), new LaunchTag(LaunchTags.NODE, "batch-od-0"));
    }

    @Test
    void perInstanceUserTagsStillCostTheirCallAndNameRidesAlong() {
        var tags = LaunchTags.afterLaunch("demo", TestConfig.spot(), SPOT0, NodeNameTags.LAUNCH, false);
        assertThat(tags).containsExactly(new LaunchTag("Name", "batch-spot-0"), new LaunchTag(LaunchTags.NODE, "batch-spot-0"),
                new LaunchTag("Owner", "batch-spot-0"), new LaunchTag("Ip", "{ip_address}"));
    }

    @Test
    void aLaunchThatCarriedTheNodeTagsLeavesOnlyWhatNeedsInstanceFacts() {
        for (var mode : NodeNameTags.values()) {
            assertThat(LaunchTags.afterLaunch("demo", TestConfig.spot(), SPOT0, mode, true))
                    .containsExactly(new LaunchTag("Ip", "{ip_address}"));
            assertThat(LaunchTags.afterLaunch("demo", TestConfig.od(), OD0, mode, true)).isEmpty();
        }
    }

    @Test
    void aMissingNodeTagIsRepairedOnlyWhereOneIsExpected() {
        assertThat(LaunchTags.nodeTagExpected(TestConfig.od(), NodeNameTags.LAUNCH)).isFalse();
        assertThat(LaunchTags.nodeTagExpected(TestConfig.od(), NodeNameTags.ALWAYS)).isTrue();
        assertThat(LaunchTags.nodeTagExpected(TestConfig.hib(), NodeNameTags.LAUNCH)).isTrue(); // per-node RunInstances
        assertThat(LaunchTags.nodeTagExpected(TestConfig.spot(), NodeNameTags.LAUNCH)).isTrue(); // {node_name} tags
    }
}
