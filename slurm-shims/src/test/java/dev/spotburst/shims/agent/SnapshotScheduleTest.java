package dev.spotburst.shims.agent;

import dev.spotburst.messages.SlurmSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.spotburst.shims.agent.SnapshotSchedule.Decision.CHANGED;
import static dev.spotburst.shims.agent.SnapshotSchedule.Decision.FIRST;
import static dev.spotburst.shims.agent.SnapshotSchedule.Decision.HEARTBEAT;
import static dev.spotburst.shims.agent.SnapshotSchedule.Decision.SKIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotScheduleTest {

    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");
    final SnapshotSchedule schedule = new SnapshotSchedule(Duration.ofSeconds(10), Duration.ofMinutes(3));

    static SlurmSnapshot.Node node(String name, String state, List<Long> jobs, String... flags) {
        return new SlurmSnapshot.Node(name, state, Set.of(flags), null, "10.0.0.1", jobs);
    }

    final List<SlurmSnapshot.Node> idle = List.of(node("aws-cpu-0", "IDLE", List.of(), "CLOUD"),
            node("aws-cpu-1", "IDLE", List.of(), "CLOUD", "POWERED_DOWN"));
    final SnapshotSchedule.Posted posted = new SnapshotSchedule.Posted(T0, SnapshotSchedule.states(idle));

    @Test
    void the_first_look_posts() {
        assertThat(schedule.decide(null, idle, T0)).isEqualTo(FIRST);
    }

    @Test
    void unchanged_states_wait_for_the_heartbeat() {
        assertThat(schedule.decide(posted, idle, T0.plusSeconds(10))).isEqualTo(SKIP);
        assertThat(schedule.decide(posted, idle, T0.plusSeconds(179))).isEqualTo(SKIP);
        assertThat(schedule.decide(posted, idle, T0.plusSeconds(180))).isEqualTo(HEARTBEAT);
    }

    @Test
    void a_changed_state_posts_once_the_floor_has_passed() {
        var resuming = List.of(idle.get(0), node("aws-cpu-1", "IDLE", List.of(), "CLOUD", "POWERING_UP"));

        assertThat(schedule.decide(posted, resuming, T0.plusSeconds(9))).isEqualTo(SKIP);
        assertThat(schedule.decide(posted, resuming, T0.plusSeconds(10))).isEqualTo(CHANGED);
    }

    @Test
    void reason_address_and_node_set_count_as_change() {
        var reason = List.of(idle.get(0), new SlurmSnapshot.Node("aws-cpu-1", "IDLE", Set.of("CLOUD", "POWERED_DOWN"),
                "ResumeTimeout reached", "10.0.0.1", List.of()));
        var address = List.of(idle.get(0), new SlurmSnapshot.Node("aws-cpu-1", "IDLE", Set.of("CLOUD", "POWERED_DOWN"),
                null, "10.0.0.9", List.of()));
        var fewer = List.of(idle.get(0));
        for (var nodes : List.of(reason, address, fewer)) {
            assertThat(schedule.decide(posted, nodes, T0.plusSeconds(30))).as(nodes.toString()).isEqualTo(CHANGED);
        }
    }

    @Test
    void order_flag_order_and_jobs_do_not_count_as_change() {
        var sameInOtherOrderWithJobs = List.of(node("aws-cpu-1", "IDLE", List.of(), "POWERED_DOWN", "CLOUD"),
                node("aws-cpu-0", "IDLE", List.of(41L, 42L), "CLOUD"));

        assertThat(schedule.decide(posted, sameInOtherOrderWithJobs, T0.plusSeconds(60))).isEqualTo(SKIP);
    }

    @Test
    void floor_defaults_to_ten_seconds_unless_the_heartbeat_is_shorter() {
        assertThat(SnapshotSchedule.withHeartbeat(Duration.ofMinutes(3)))
                .isEqualTo(new SnapshotSchedule(Duration.ofSeconds(10), Duration.ofMinutes(3)));
        assertThat(SnapshotSchedule.withHeartbeat(Duration.ofSeconds(5)))
                .isEqualTo(new SnapshotSchedule(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> new SnapshotSchedule(Duration.ofSeconds(30), Duration.ofSeconds(20)))
                .hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> new SnapshotSchedule(Duration.ZERO, Duration.ofSeconds(20)))
                .hasMessageContaining("floor");
    }
}
