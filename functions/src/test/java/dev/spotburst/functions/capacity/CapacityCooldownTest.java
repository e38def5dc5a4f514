package dev.spotburst.functions.capacity;

import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityCooldownTest {
    static final Instant NOW = Instant.parse("2026-11-22T20:00:00.123Z");
    static final NodeGroupRecord GROUP = NodeGroupRecord.initial(TestConfig.spot().id());
    static final LaunchError ICE = new LaunchError("InsufficientInstanceCapacity", "no", "m6i.2xlarge", "subnet-a",
            Market.SPOT);
    static final LaunchError THROTTLED = new LaunchError("RequestLimitExceeded", "slow down", null, null, Market.SPOT);
    static final LaunchError BAD_TEMPLATE = new LaunchError("InvalidLaunchTemplateId.NotFound", "gone", null, null,
            Market.SPOT);

    @Test
    void aCapacityFailureStartsTheCooldownWithItsCode() {
        var next = CapacityCooldown.start(GROUP, List.of(THROTTLED, ICE), 2, 600, NOW).orElseThrow();
        assertThat(next.capacityCooldownUntil()).isEqualTo(NOW.plusSeconds(600));
        assertThat(next.capacityCooldownCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(next.version()).isEqualTo(GROUP.version() + 1);
        assertThat(next.coolingDown(NOW.plusSeconds(599))).isTrue();
        assertThat(next.coolingDown(NOW.plusSeconds(600))).isFalse();
    }

    @Test
    void throttlingOtherErrorsDisabledOrNothingUnlaunchedStartNoCooldown() {
        assertThat(CapacityCooldown.start(GROUP, List.of(THROTTLED), 2, 600, NOW)).isEmpty();
        assertThat(CapacityCooldown.start(GROUP, List.of(BAD_TEMPLATE), 2, 600, NOW)).isEmpty();
        assertThat(CapacityCooldown.start(GROUP, List.of(ICE), 2, 0, NOW)).isEmpty();
        assertThat(CapacityCooldown.start(GROUP, List.of(ICE), 0, 600, NOW)).isEmpty();
    }

    @Test
    void aLaterStoredCooldownIsKept() {
        var long_ = GROUP.capacityCooldown(NOW.plusSeconds(900), "UnfulfillableCapacity", NOW);
        var next = CapacityCooldown.start(long_, List.of(ICE), 1, 60, NOW).orElseThrow();
        assertThat(next.capacityCooldownUntil()).isEqualTo(NOW.plusSeconds(900));
        assertThat(next.capacityCooldownCode()).isEqualTo("UnfulfillableCapacity");
    }

    @Test
    void resumesFailFastOnlyWhileTheCooldownLasts() {
        var cooled = CapacityCooldown.start(GROUP, List.of(ICE), 1, 600, NOW).orElseThrow();
        assertThat(CapacityCooldown.blocked(cooled, NOW.plusSeconds(10)))
                .contains("spotburst: capacity cooldown until 2026-11-22T20:10:00Z (InsufficientInstanceCapacity)");
        assertThat(CapacityCooldown.blocked(cooled, NOW.plusSeconds(601))).isEmpty();
        assertThat(CapacityCooldown.blocked(GROUP, NOW)).isEmpty();
        assertThat(CapacityCooldown.holdsRepair(cooled, NOW.plusSeconds(10))).isTrue();
        assertThat(CapacityCooldown.holdsRepair(cooled, NOW.plusSeconds(601))).isFalse();
    }

    @Test
    void downListsOnlyPoweredDownNodesOutsideTheLaunch() {
        var group = TestConfig.spot(); // batch-spot-[0-7]
        var cooled = CapacityCooldown.start(GROUP, List.of(ICE), 1, 600, NOW).orElseThrow();
        var failed = NodeRecord.initial(node(0)).resuming(NOW, NOW).failed("spotburst: ICE", NOW);
        var resuming = NodeRecord.initial(node(1)).resuming(NOW, NOW);
        var up = NodeRecord.initial(node(2)).resuming(NOW, NOW)
                .launched(new InstanceBinding("i-1", null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.1"), NOW);
        var earlierFailed = NodeRecord.initial(node(3)).resuming(NOW, NOW).failed("spotburst: ICE", NOW);
        var poweredDown = NodeRecord.initial(node(4)).resuming(NOW, NOW).failed("x", NOW).poweredDown(NOW);
        Map<NodeName, NodeRecord> records = Map.of(node(0), failed, node(1), resuming, node(2), up,
                node(3), earlierFailed, node(4), poweredDown);

        var down = CapacityCooldown.downPoweredOff(cooled, group, records, List.of(node(0), node(5))).orElseThrow();

        assertThat(down.nodes()).isEqualTo("batch-spot-[4,6-7]");
        assertThat(down.reason()).isEqualTo("spotburst: capacity cooldown until 2026-11-22T20:10:00Z "
                + "(InsufficientInstanceCapacity)");
    }

    @Test
    void aFailedNodeIsHeldNoLongerThanItsGroupsCooldown() {
        var general = Duration.ofSeconds(600);
        assertThat(CapacityCooldown.failedHold(general, 60)).isEqualTo(Duration.ofSeconds(60));
        assertThat(CapacityCooldown.failedHold(general, 900)).isEqualTo(general);
        assertThat(CapacityCooldown.failedHold(general, 0)).isEqualTo(general);
    }

    static NodeName node(int i) {
        return NodeName.parse("batch-spot-" + i);
    }
}
