package dev.spotburst.functions.reconcile;

import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.spotburst.functions.reconcile.ReconcilePlannerTest.instance;
import static dev.spotburst.functions.reconcile.ReconcilePlannerTest.launched;
import static org.assertj.core.api.Assertions.assertThat;

class LaunchAccountingTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final NodeName SPOT0 = NodeName.parse("batch-spot-0");

    @Test
    void boundInstanceWithoutRecordGetsOne() {
        var node = launched(SPOT0, "i-1", "10.0.0.1", NOW.minusSeconds(60));
        var inst = instance("i-1", "batch-spot-0", "10.0.0.1", NOW.minusSeconds(90), "running");
        assertThat(LaunchAccounting.candidates(List.of(node), List.of(inst))).containsExactly("i-1");
        assertThat(LaunchAccounting.plan(List.of(node), List.of(inst), Map.of())).containsExactly(
                new ReconcileAction.RecordLaunch(new LaunchRecord("i-1", SPOT0, Market.SPOT, "m6i.2xlarge",
                        "eu-west-1a", NOW.minusSeconds(90), null), false));
        assertThat(LaunchAccounting.plan(List.of(node), List.of(inst), Map.of("i-1", true))).isEmpty();
    }

    @Test
    void openRecordOfGoneInstanceIsClosedOnce() {
        var gone = instance("i-2", "batch-spot-0", null, NOW.minusSeconds(900), "terminated");
        assertThat(LaunchAccounting.candidates(List.of(), List.of(gone))).containsExactly("i-2");
        assertThat(LaunchAccounting.plan(List.of(), List.of(gone), Map.of("i-2", true)))
                .containsExactly(new ReconcileAction.CloseLaunch("i-2"));
        assertThat(LaunchAccounting.plan(List.of(), List.of(gone), Map.of("i-2", false))).isEmpty();
        assertThat(LaunchAccounting.plan(List.of(), List.of(gone), Map.of())).isEmpty();
    }

    @Test
    void nodeStillBindingIsLeftAlone() {
        var resuming = dev.spotburst.functions.state.NodeRecord.initial(SPOT0).resuming(NOW, NOW);
        assertThat(LaunchAccounting.candidates(List.of(resuming), List.of())).isEmpty();
    }
}
