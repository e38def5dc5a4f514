package dev.spotburst.functions.reconcile;

import dev.spotburst.config.NodeNameTags;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceRunningPlanTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static final String ID = "i-0000000000000000a";

    static NodeRecord launched(String node, String ip) {
        var n = NodeName.parse(node);
        return NodeRecord.initial(n).resuming(T, T)
                .launched(new InstanceBinding(ID, null, Market.SPOT, "m6i.2xlarge", "eu-west-1a", ip), T);
    }

    static Optional<InstanceView> instance(String state, String ip, Map<String, String> tags) {
        return Optional.of(new InstanceView(ID, state, "m6i.2xlarge", "eu-west-1a", "subnet-a", ip, null, T,
                Market.SPOT, null, tags));
    }

    @Test
    void newAddressRebindsTheNode() {
        var rec = launched("batch-od-0", null);
        assertThat(InstanceRunningPlan.plan(rec, instance("running", "10.0.0.5", Map.of()), TestConfig.od(),
                NodeNameTags.LAUNCH, T.plusSeconds(20)))
                .containsExactly(new ReconcileAction.Rebind(rec, instance("running", "10.0.0.5", Map.of()).get()));
    }

    @Test
    void knownAddressAndNoTagExpectedIsNothingToDo() {
        var rec = launched("batch-od-0", "10.0.0.5");
        assertThat(InstanceRunningPlan.plan(rec, instance("running", "10.0.0.5", Map.of()), TestConfig.od(),
                NodeNameTags.LAUNCH, T.plusSeconds(20))).isEmpty();
    }

    @Test
    void missingNodeTagIsRepairedOnlyWhereItIsExpected() {
        var rec = launched("batch-od-0", "10.0.0.5");
        assertThat(InstanceRunningPlan.plan(rec, instance("running", "10.0.0.5", Map.of()), TestConfig.od(),
                NodeNameTags.ALWAYS, T.plusSeconds(20))).containsExactly(new ReconcileAction.TagInstance(rec));
    }

    @Test
    void instanceNotListedYetOrAlreadyGoneIsLeftToTheFullPass() {
        var rec = launched("batch-od-0", null);
        var muchLater = T.plusSeconds(86_400);
        assertThat(InstanceRunningPlan.plan(rec, Optional.empty(), TestConfig.od(), NodeNameTags.LAUNCH, muchLater))
                .isEmpty();
        assertThat(InstanceRunningPlan.plan(rec, instance("terminated", null, Map.of()), TestConfig.od(),
                NodeNameTags.LAUNCH, muchLater)).isEmpty();
    }

    @Test
    void hibernatingGroupsInstanceAlreadyStoppingIsObserved() {
        var rec = launched("batch-hib-0", "10.0.0.5");
        assertThat(InstanceRunningPlan.plan(rec, instance("stopping", "10.0.0.5", Map.of("spotburst:node", "batch-hib-0")),
                TestConfig.hib(), NodeNameTags.LAUNCH, T.plusSeconds(20)))
                .containsExactly(new ReconcileAction.ObserveHibernation(rec));
    }
}
