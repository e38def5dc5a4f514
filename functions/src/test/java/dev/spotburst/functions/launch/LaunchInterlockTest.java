package dev.spotburst.functions.launch;

import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.model.NodeGroupId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchInterlockTest {
    static final Instant NOW = Instant.parse("2026-11-22T20:00:00Z");
    static final NodeGroupRecord GROUP = NodeGroupRecord.initial(NodeGroupId.parse("batch-spot"));

    @Test
    void aGroupInCapacityCooldownIsBlockedUntilItEnds() {
        var cooled = GROUP.capacityCooldown(NOW.plusSeconds(300), "InsufficientInstanceCapacity", NOW);
        assertThat(LaunchInterlock.blocked(cooled, Optional.of(NOW), 60, NOW.plusSeconds(299)))
                .contains("spotburst: capacity cooldown until 2026-11-22T20:05:00Z (InsufficientInstanceCapacity)");
        assertThat(LaunchInterlock.blocked(cooled, Optional.of(NOW.plusSeconds(300)), 60, NOW.plusSeconds(300)))
                .isEmpty();
    }

    @Test
    void protectionIsReportedBeforeACooldown() {
        var both = GROUP.bootFailed(1, NOW).capacityCooldown(NOW.plusSeconds(300), "InsufficientInstanceCapacity", NOW);
        assertThat(LaunchInterlock.blocked(both, Optional.empty(), 60, NOW).orElseThrow()).contains("protected");
    }

    @Test
    void aGroupWithoutCooldownLaunches() {
        assertThat(LaunchInterlock.blocked(GROUP, Optional.of(NOW), 60, NOW)).isEmpty();
    }
}
